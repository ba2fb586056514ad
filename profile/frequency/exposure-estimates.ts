/**
 * Estimated ad exposure as frequency touches. Neither Meta nor Google reports impressions per
 * person; their connectors estimate them (audience membership in the hub's ledger × the ad set's
 * or campaign's average frequency, prorated by days in the audience: connectors/meta-ads/mappers/
 * estimate-exposure.ts, connectors/google-ads/mappers/to-exposure-estimate.ts). These functions
 * turn one estimate into touches on PAID_SOCIAL (Meta) or PAID_SEARCH (Google, as its other events).
 *
 * How it is fed: a periodic job, once a day per person in an audience, asks each connector for
 * yesterday's estimate (a one-day window) and records it with `TouchLog.recordExposure`. Windows of
 * one day never overlap, and re-feeding a day replaces that day's touches (the source id names the
 * platform and the day), so late-arriving delivery metrics correct the count instead of adding
 * to it. The job belongs with ingest's scheduler; it is not on any request path.
 */
import type { AdExposureEstimate } from '../../connectors/google-ads/mappers/to-exposure-estimate.js';
import type { ExposureEstimate } from '../../connectors/meta-ads/mappers/estimate-exposure.js';
import type { ExposureInput } from './touch.js';

const DAY_MS = 86_400_000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** A window of whole days, `since` to `until` inclusive, as epoch ms [start, end). */
const span = (since: string, until: string) => ({ since: dayStart(since), until: dayStart(until) + DAY_MS });

export function exposureFromMeta(estimate: ExposureEstimate): ExposureInput {
  return {
    sourceId: `meta:${estimate.since}..${estimate.until}`,
    channel: 'PAID_SOCIAL',
    ...span(estimate.since, estimate.until),
    impressions: estimate.estimatedImpressions,
  };
}

export function exposureFromGoogleAds(estimate: AdExposureEstimate): ExposureInput {
  return {
    sourceId: `google-ads:${estimate.window.since}..${estimate.window.until}`,
    channel: 'PAID_SEARCH',
    ...span(estimate.window.since, estimate.window.until),
    impressions: estimate.estimatedImpressions,
  };
}
