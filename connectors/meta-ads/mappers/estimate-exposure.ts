/**
 * Estimated ad exposure of one person on Meta. Meta reports no per-person impressions, only
 * reach and frequency per ad set over a window; the hub knows which audiences it placed the
 * person in, and each ad set's targeting says which audiences it reaches. The estimate:
 * for every ad set targeting one of the person's audiences, the ad set's average frequency over
 * the window, prorated by the share of the window the person was in the audience.
 * It is an ESTIMATE (marked so everywhere), not a count of impressions the person saw.
 */
import type { AudienceMembership } from '../../unified/contracts.js';
import type { DateWindow } from '../insights-api.js';
import type { MetaAdSet } from '../schemas.js';
import type { MetaDeliveryMetrics } from './to-campaign-metrics.js';

export const EXPOSURE_METHOD = 'AUDIENCE_MEMBERSHIP_X_AVERAGE_FREQUENCY';

export interface AdSetExposure {
  adSetId: string;
  adSetName: string | undefined;
  campaignId: string | undefined;
  /** The person's audiences this ad set targets. */
  audienceIds: string[];
  averageFrequency: number;
  daysInAudience: number;
  windowDays: number;
  estimatedImpressions: number;
}

export interface ExposureEstimate {
  estimated: true;
  method: typeof EXPOSURE_METHOD;
  since: string;
  until: string;
  estimatedImpressions: number;
  byAdSet: AdSetExposure[];
}

const DAY_MS = 86_400_000;
const dayIndex = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

export function estimateExposure(
  memberships: readonly AudienceMembership[],
  adSets: readonly MetaAdSet[],
  adSetMetrics: ReadonlyMap<string, MetaDeliveryMetrics>,
  window: DateWindow,
): ExposureEstimate {
  const first = dayIndex(window.since);
  const last = dayIndex(window.until);
  const windowDays = last - first + 1;
  const byAdSet: AdSetExposure[] = [];
  for (const adSet of adSets) {
    const targeted = new Set((adSet.targeting?.custom_audiences ?? []).map((a) => a.id));
    const mine = memberships.filter((m) => targeted.has(m.audienceId));
    if (mine.length === 0) continue;
    // Being in two audiences one ad set targets is being in its audience once: the earliest placement counts.
    const joinedDay = Math.min(...mine.map((m) => Math.floor(Date.parse(m.joinedAt) / DAY_MS)));
    const daysInAudience = Math.max(0, last - Math.max(first, joinedDay) + 1);
    const averageFrequency = adSetMetrics.get(adSet.id)?.frequency ?? 0;
    byAdSet.push({
      adSetId: adSet.id,
      adSetName: adSet.name,
      campaignId: adSet.campaign_id,
      audienceIds: mine.map((m) => m.audienceId).sort(),
      averageFrequency,
      daysInAudience,
      windowDays,
      estimatedImpressions: round2((averageFrequency * daysInAudience) / windowDays),
    });
  }
  byAdSet.sort((a, b) => a.adSetId.localeCompare(b.adSetId));
  return {
    estimated: true,
    method: EXPOSURE_METHOD,
    since: window.since,
    until: window.until,
    estimatedImpressions: round2(byAdSet.reduce((sum, a) => sum + a.estimatedImpressions, 0)),
    byAdSet,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
