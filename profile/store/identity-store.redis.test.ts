import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeIdentityStoreContract } from './identity-store.contract.js';
import { RedisIdentityStore } from './redis-identity-store.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeIdentityStoreContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisIdentityStore(redis, prefix), cleanup };
  });
});
