import { describe, expect, it } from 'vitest';
import { EXPOSURE_METHOD as GOOGLE_METHOD } from '../../connectors/google-ads/mappers/to-exposure-estimate.js';
import { EXPOSURE_METHOD as META_METHOD } from '../../connectors/meta-ads/mappers/estimate-exposure.js';
import { exposureFromGoogleAds, exposureFromMeta } from './exposure-estimates.js';
import { MemoryTouchLog } from './memory-touch-log.js';

describe('estimated ad exposure as touches', () => {
  it('maps a day of Meta and Google estimates to PAID_SOCIAL and PAID_SEARCH touches within that day', async () => {
    const meta = exposureFromMeta({ estimated: true, method: META_METHOD, since: '2026-11-01', until: '2026-11-01', estimatedImpressions: 2.4, byAdSet: [] });
    const google = exposureFromGoogleAds({
      platform: 'google-ads',
      customerId: 'cus_a',
      window: { since: '2026-11-01', until: '2026-11-01' },
      estimate: true,
      method: GOOGLE_METHOD,
      estimatedImpressions: 1,
      contributions: [],
      unmeasuredCampaignIds: [],
    });
    expect(meta).toEqual({ sourceId: 'meta:2026-11-01..2026-11-01', channel: 'PAID_SOCIAL', since: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-11-02T00:00:00Z'), impressions: 2.4 });
    const log = new MemoryTouchLog({ retentionMs: 30 * 86_400_000, now: () => Date.parse('2026-11-02T09:00:00Z') });
    await log.recordExposure('cus_a', meta);
    await log.recordExposure('cus_a', google);
    await log.recordExposure('cus_a', meta);
    expect((await log.touches('cus_a')).map((t) => [t.channel, new Date(t.at).toISOString(), t.kind])).toEqual([
      ['PAID_SOCIAL', '2026-11-01T06:00:00.000Z', 'ESTIMATED'],
      ['PAID_SEARCH', '2026-11-01T12:00:00.000Z', 'ESTIMATED'],
      ['PAID_SOCIAL', '2026-11-01T18:00:00.000Z', 'ESTIMATED'],
    ]);
  });
});
