/**
 * Per ad platform, what the exposure feed needs to estimate one day for everyone at once: the
 * vendor reads (Meta: ad sets and their day's insights; Google: list targeting and the day's
 * campaign metrics) are made once per run and day, then each person's estimate is the pure mapper
 * over their ledger memberships. A run never calls a vendor per person.
 */
import type { GoogleAdsClient } from '../../connectors/google-ads/client.js';
import { addDays, toDay } from '../../connectors/google-ads/dates.js';
import { estimateExposure as estimateGoogleAds } from '../../connectors/google-ads/mappers/to-exposure-estimate.js';
import type { MetaAdsClient } from '../../connectors/meta-ads/client.js';
import { estimateExposure as estimateMeta } from '../../connectors/meta-ads/mappers/estimate-exposure.js';
import { toDeliveryMetrics } from '../../connectors/meta-ads/mappers/to-campaign-metrics.js';
import type { AdPlatform, AudienceMembership } from '../../connectors/unified/contracts.js';
import { exposureFromGoogleAds, exposureFromMeta } from '../../profile/frequency/exposure-estimates.js';
import type { ExposureInput } from '../../profile/frequency/touch.js';

/** One day's estimate of one person, from their memberships on the platform. */
export type DayEstimator = (customerId: string, memberships: readonly AudienceMembership[]) => ExposureInput;

export interface ExposureSource {
  platform: AdPlatform;
  /** The platform's "today" (`YYYY-MM-DD`): the feed estimates the days before it. */
  today(): string;
  /** Reads what the days' estimates need (a few calls, whatever the number of people). */
  prepare(days: readonly string[]): Promise<Map<string, DayEstimator>>;
}

/** The days before `today`, newest first: `count` of them ending yesterday. */
export const daysBefore = (today: string, count: number): string[] => Array.from({ length: count }, (_, i) => addDays(today, -(i + 1)));

export function metaExposureSource(client: Pick<MetaAdsClient, 'listAdSets' | 'insights'>, now: () => number = Date.now): ExposureSource {
  return {
    platform: 'meta',
    today: () => toDay(now()),
    async prepare(days) {
      const adSets = await client.listAdSets();
      const estimators = new Map<string, DayEstimator>();
      // One day at a time: insights calls draw on Meta's per-account budget.
      for (const day of days) {
        const window = { since: day, until: day };
        const rows = await client.insights('adset', window);
        const metrics = new Map(rows.map((row) => toDeliveryMetrics(row, 'adset')).map((m) => [m.id, m]));
        estimators.set(day, (_customerId, memberships) => exposureFromMeta(estimateMeta(memberships, adSets, metrics, window)));
      }
      return estimators;
    },
  };
}

export function googleAdsExposureSource(client: Pick<GoogleAdsClient, 'listTargeting' | 'campaignMetrics' | 'today'>): ExposureSource {
  return {
    platform: 'google-ads',
    // Google's "today" is the connector's (the pinned world's against a pinned sandbox).
    today: () => client.today(),
    async prepare(days) {
      const targeting = await client.listTargeting();
      const estimators = new Map<string, DayEstimator>();
      for (const day of days) {
        const window = { since: day, until: day };
        const campaigns = await client.campaignMetrics(window);
        estimators.set(day, (customerId, memberships) => exposureFromGoogleAds(estimateGoogleAds({ customerId, window, memberships, targeting, campaigns })));
      }
      return estimators;
    },
  };
}
