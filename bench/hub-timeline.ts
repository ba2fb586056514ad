/** The running hub's timeline store, opened on its Redis with its key prefix: scenarios seed and count events through the same adapter the hub uses. */
import { Redis } from 'ioredis';
import { RedisTimelineStore } from '../profile/timeline/redis-timeline-store.js';
import type { TimelineStoreOptions } from '../profile/timeline/timeline-store.js';
import type { ScenarioContext } from './context.js';

export async function withHubTimeline<T>(
  { redisUrl, keyPrefix }: Pick<ScenarioContext, 'redisUrl' | 'keyPrefix'>,
  options: TimelineStoreOptions,
  use: (store: RedisTimelineStore) => Promise<T>,
): Promise<T> {
  const redis = new Redis(redisUrl);
  try {
    return await use(new RedisTimelineStore(redis, keyPrefix, options));
  } finally {
    redis.disconnect();
  }
}
