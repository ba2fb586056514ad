import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeTimelineStoreContract } from './timeline-store.contract.js';
import { RedisTimelineStore } from './redis-timeline-store.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeTimelineStoreContract('redis', async (options) => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisTimelineStore(redis, prefix, options), cleanup };
  });
});
