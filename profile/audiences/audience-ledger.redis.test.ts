import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeAudienceLedgerContract } from './audience-ledger.contract.js';
import { RedisAudienceLedger } from './redis-audience-ledger.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeAudienceLedgerContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { ledger: new RedisAudienceLedger(redis, prefix), cleanup };
  });
});
