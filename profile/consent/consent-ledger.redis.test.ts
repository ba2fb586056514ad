import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeConsentLedgerContract } from './consent-ledger.contract.js';
import { RedisConsentLedger } from './redis-consent-ledger.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeConsentLedgerContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisConsentLedger(redis, prefix), cleanup };
  });
});
