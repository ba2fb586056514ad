import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeCacheContract } from './cache.contract.js';
import { RedisCache } from './redis-cache.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeCacheContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { cache: new RedisCache(redis, prefix), cleanup };
  });
});
