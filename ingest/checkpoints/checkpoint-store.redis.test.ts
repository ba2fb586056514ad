import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { createCheckpointStores } from './checkpoint-store.js';
import { describeCheckpointStoreContract } from './checkpoint-store.contract.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeCheckpointStoreContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { stores: createCheckpointStores(redis, prefix), cleanup };
  });
});
