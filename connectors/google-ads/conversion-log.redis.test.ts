import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { startGoogleAdsSandbox, type GoogleAdsSandboxFixture } from '../../test/support/google-ads.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../../test/support/redis.js';
import { createConnectors } from '../create-connectors.js';
import { describeConversionLogContract } from './conversion-log.contract.js';
import { RedisUploadedConversionLog } from './redis-conversion-log.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeConversionLogContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { log: new RedisUploadedConversionLog(redis, prefix), cleanup };
  });

  describe('in the hub', () => {
    let fixture: GoogleAdsSandboxFixture | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await fixture?.close();
      await cleanup?.();
      fixture = undefined;
      cleanup = undefined;
    });

    it('shares a conversion uploaded by one process with every other through Redis, and keeps it past a restart', async () => {
      fixture = await startGoogleAdsSandbox();
      const isolated = await isolatedRedis();
      cleanup = isolated.cleanup;
      const config = loadConfig({ REDIS_URL, REDIS_KEY_PREFIX: isolated.prefix, GOOGLE_ADS_BASE_URL: fixture.url, LOG_LEVEL: 'silent' });
      // Two hub processes (say ingest, which uploads, and the google-ads subgraph, which reads).
      const uploader = createConnectors(config, { redis: isolated.redis }).googleAds;
      const reader = createConnectors(config, { redis: isolated.redis }).googleAds;

      const click = [...fixture.state.clicksByGclid.values()].find((c) => c.date >= '2026-09-01' && c.date <= '2026-10-15')!;
      const action = fixture.state.conversionActions[0]!.id;
      const occurredAt = new Date(Date.parse(click.clickedAt) + 3_600_000).toISOString();
      const result = await uploader.conversions.upload([{ gclid: click.gclid, conversionAction: action, occurredAt, orderId: 'R-1', adUserData: 'GRANTED' }]);
      expect(result.landed).toHaveLength(1);

      const expected = [expect.objectContaining({ gclid: click.gclid, conversionAction: `customers/1234567890/conversionActions/${action}`, occurredAt, orderId: 'R-1' })];
      expect(await reader.conversionLog.ofGclids([click.gclid])).toEqual(expected);
      // A restarted process (a fresh connector on the same Redis) still has the record.
      expect(await createConnectors(config, { redis: isolated.redis }).googleAds.conversionLog.ofGclids([click.gclid])).toEqual(expected);
      // Without Redis each process keeps its own record in memory.
      expect(await createConnectors(config).googleAds.conversionLog.ofGclids([click.gclid])).toEqual([]);
    });
  });
});
