import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { RedisIdentityStore } from '../store/redis-identity-store.js';
import { describeIdentityResolution } from './resolve-identity.contract.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeIdentityResolution('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisIdentityStore(redis, prefix), cleanup };
  });
});
