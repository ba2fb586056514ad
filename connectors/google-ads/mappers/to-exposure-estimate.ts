/**
 * Estimated Google ad exposure of one person. Google keeps no per-person impression log, so the
 * hub estimates: for each campaign that targets a Customer Match list the person is in, the
 * campaign's average impressions per reached user over the window (Google's own
 * `average_impression_frequency_per_user`), prorated by the share of the window the person was
 * on the list. It is an estimate and says so: reach is Google's, membership is the hub's ledger,
 * and nobody knows whether this person was among the reached users.
 */
import type { AudienceMembership } from '../../unified/contracts.js';
import { dayStartMs, toDay, windowDays, type DateWindow } from '../dates.js';
import type { ListTargeting } from '../reads.js';
import type { CampaignMetrics } from './to-campaign-metrics.js';

export const EXPOSURE_METHOD = 'LIST_MEMBERSHIP_X_CAMPAIGN_AVERAGE_FREQUENCY' as const;

export interface ExposureContribution {
  campaignId: string;
  campaignName: string;
  userListId: string;
  averageFrequency: number;
  daysInList: number;
  estimatedImpressions: number;
}

export interface AdExposureEstimate {
  platform: 'google-ads';
  customerId: string;
  window: DateWindow;
  /** Always true: this is not a measurement. */
  estimate: true;
  method: typeof EXPOSURE_METHOD;
  estimatedImpressions: number;
  contributions: ExposureContribution[];
  /** Campaigns that target the person's lists but for which Google reports no frequency (Search; windows over 92 days). */
  unmeasuredCampaignIds: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function estimateExposure(input: {
  customerId: string;
  window: DateWindow;
  memberships: readonly AudienceMembership[];
  targeting: readonly ListTargeting[];
  campaigns: readonly CampaignMetrics[];
}): AdExposureEstimate {
  const { window } = input;
  const total = windowDays(window);
  const joinedDay = new Map(input.memberships.map((m) => [m.audienceId, toDay(Date.parse(m.joinedAt))]));
  const campaigns = new Map(input.campaigns.map((c) => [c.campaignId, c]));
  const contributions: ExposureContribution[] = [];
  const unmeasured = new Set<string>();

  // Per campaign, the person's earliest list it targets gives the longest exposure.
  const listOfCampaign = new Map<string, string>();
  for (const t of input.targeting) {
    const joined = joinedDay.get(t.userListId);
    if (joined === undefined) continue;
    const current = listOfCampaign.get(t.campaignId);
    if (current === undefined || joined < joinedDay.get(current)!) listOfCampaign.set(t.campaignId, t.userListId);
  }
  for (const [campaignId, userListId] of [...listOfCampaign].sort(([a], [b]) => a.localeCompare(b))) {
    const campaign = campaigns.get(campaignId);
    if (!campaign) continue; // it did not serve in the window
    if (campaign.averageFrequency === null) {
      unmeasured.add(campaignId);
      continue;
    }
    const from = Math.max(dayStartMs(window.since), dayStartMs(joinedDay.get(userListId)!));
    const daysInList = from > dayStartMs(window.until) ? 0 : windowDays({ since: toDay(from), until: window.until });
    if (daysInList === 0) continue;
    contributions.push({
      campaignId,
      campaignName: campaign.name,
      userListId,
      averageFrequency: campaign.averageFrequency,
      daysInList,
      estimatedImpressions: round2((campaign.averageFrequency * daysInList) / total),
    });
  }
  return {
    platform: 'google-ads',
    customerId: input.customerId,
    window,
    estimate: true,
    method: EXPOSURE_METHOD,
    estimatedImpressions: round2(contributions.reduce((n, c) => n + c.estimatedImpressions, 0)),
    contributions,
    unmeasuredCampaignIds: [...unmeasured].sort(),
  };
}
