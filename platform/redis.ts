/** The process's Redis connection when the configuration names one (none in embedded mode). */
import { Redis } from 'ioredis';
import type { HubConfig } from '../config/env.js';

export function connectRedis(config: Pick<HubConfig, 'redis'>): Redis | undefined {
  if (!config.redis) return undefined;
  // Auto-pipelining batches the many small commands of one request into one round trip.
  return new Redis(config.redis.url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
}
