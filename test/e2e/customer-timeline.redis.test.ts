import { describe } from 'vitest';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';
import { describeTimelineApi } from './customer-timeline.suite.js';

describe.skipIf(!redisAvailable)('on Redis', () => {
  describeTimelineApi('Redis store', async () => {
    const { prefix, cleanup } = await isolatedRedis();
    return { env: { REDIS_URL, REDIS_KEY_PREFIX: prefix }, cleanup };
  });
});
