/**
 * Campaign rows to the hub's campaign metrics. Spend comes in micros of the account currency.
 * Reach (unique users) and frequency are Google's own non-additive numbers for exactly the
 * window asked; they are null where Google does not report them (Search campaigns, windows over
 * 92 days), never summed or guessed.
 */
import type { DateWindow } from '../dates.js';
import type { CampaignMetricsRow } from '../schemas.js';

export interface CampaignMetrics {
  campaignId: string;
  name: string;
  channel: string;
  window: DateWindow;
  impressions: number;
  clicks: number;
  costMicros: number;
  spend: { amount: string; currencyCode: string };
  conversions: number;
  uniqueUsers: number | null;
  averageFrequency: number | null;
}

/** Micros to a decimal string with the currency's two places (1234567 → "1.23"). */
export const microsToAmount = (micros: number): string => (Math.round(micros / 10_000) / 100).toFixed(2);

export function toCampaignMetrics(row: CampaignMetricsRow, window: DateWindow, currencyCode: string): CampaignMetrics {
  const m = row.metrics;
  const costMicros = Number(m.costMicros ?? 0);
  return {
    campaignId: row.campaign.id,
    name: row.campaign.name ?? row.campaign.id,
    channel: row.campaign.advertisingChannelType ?? 'UNKNOWN',
    window,
    impressions: Number(m.impressions ?? 0),
    clicks: Number(m.clicks ?? 0),
    costMicros,
    spend: { amount: microsToAmount(costMicros), currencyCode },
    conversions: m.conversions ?? 0,
    uniqueUsers: m.uniqueUsers === undefined ? null : Number(m.uniqueUsers),
    averageFrequency: m.averageImpressionFrequencyPerUser ?? null,
  };
}
