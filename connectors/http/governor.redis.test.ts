import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeGovernorContract } from './governor.contract.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeGovernorContract('redis (shared across processes)', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { redis, prefix, cleanup };
  });
});
