import { describe, expect, it } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { RedisTouchLog } from './redis-touch-log.js';
import { describeTouchLogContract } from './touch-log.contract.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeTouchLogContract('redis', async (options) => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisTouchLog(redis, prefix, options), cleanup };
  });

  it('leaves no key behind after an erasure', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    try {
      const log = new RedisTouchLog(redis, prefix, { retentionMs: 86_400_000 });
      await log.recordExposure('cus_x', { sourceId: 's', channel: 'PAID_SOCIAL', since: Date.now() - 1000, until: Date.now(), impressions: 1 });
      await log.mergeInto('cus_x', 'cus_y');
      await log.erase('cus_x');
      await log.erase('cus_y');
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});
