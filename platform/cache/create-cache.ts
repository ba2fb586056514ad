import type { Redis } from 'ioredis';
import type { Cache } from './cache.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

/** Redis when the process has a connection (shared by every process), memory otherwise. */
export function createCache(redis: Redis | undefined, keyPrefix = 'hub:'): Cache {
  return redis ? new RedisCache(redis, keyPrefix) : new MemoryCache();
}
