import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describePropagationStoreContract } from './propagation-store.contract.js';
import { RedisPropagationStore } from './redis-propagation-store.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describePropagationStoreContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisPropagationStore(redis, prefix), cleanup };
  });
});
