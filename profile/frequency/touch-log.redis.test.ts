import { describe, expect, it } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { RedisTouchLog } from './redis-touch-log.js';
import { reservationIdFor } from './touch.js';
import { describeTouchLogContract } from './touch-log.contract.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeTouchLogContract('redis', async (options) => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisTouchLog(redis, prefix, options), cleanup };
  });

  it('gives every written key a TTL of the retention (plus a day), so idle customers leave nothing behind', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    try {
      const retentionMs = 7 * 86_400_000;
      const log = new RedisTouchLog(redis, prefix, { retentionMs });
      await log.reserve({ customerId: 'cus_ttl', channel: 'EMAIL', campaignId: 'c', idempotencyKey: 'k', reservationId: reservationIdFor('cus_ttl', 'abc'), ttlMs: 60_000, policies: [] });
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(retentionMs);
        expect(ttl).toBeLessThanOrEqual(retentionMs + 86_400_000);
      }
    } finally {
      await cleanup();
    }
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
