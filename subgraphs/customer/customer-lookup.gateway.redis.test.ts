import { describe } from 'vitest';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../../test/support/redis.js';
import { describeCustomerLookups } from './customer-lookup.gateway.contract.js';

describe.skipIf(!redisAvailable)('on Redis', () => {
  describeCustomerLookups('Redis store', async () => {
    const redis = await isolatedRedis();
    return { env: { REDIS_URL, REDIS_KEY_PREFIX: redis.prefix }, cleanup: redis.cleanup };
  });
});
