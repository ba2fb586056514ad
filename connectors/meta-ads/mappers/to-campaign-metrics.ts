import type { MetaInsightsRow } from '../schemas.js';

export interface MetaDeliveryMetrics {
  id: string;
  name: string | undefined;
  campaignId: string | undefined;
  since: string;
  until: string;
  impressions: number;
  reach: number;
  /** Average impressions per person reached over the window (impressions / reach). */
  frequency: number;
  spend: { amount: string; currencyCode: string };
  clicks: number;
  /** Leads plus purchases, each counted once (Meta reports overlapping purchase action types). */
  conversions: number;
}

/** Meta's aggregated lead action, and purchase types from the broadest to the narrowest (first present wins). */
const LEAD_TYPES = ['lead'];
const PURCHASE_TYPES = ['omni_purchase', 'purchase', 'offsite_conversion.fb_pixel_purchase'];

const num = (value: string | undefined) => (value === undefined ? 0 : Number(value));

export function conversionsOf(actions: MetaInsightsRow['actions']): number {
  const byType = new Map((actions ?? []).map((a) => [a.action_type, Number(a.value)]));
  const first = (types: string[]) => types.map((t) => byType.get(t)).find((v) => v !== undefined) ?? 0;
  return first(LEAD_TYPES) + first(PURCHASE_TYPES);
}

/** One insights row (campaign or ad set level) with its string numbers read. */
export function toDeliveryMetrics(row: MetaInsightsRow, level: 'campaign' | 'adset'): MetaDeliveryMetrics {
  const impressions = num(row.impressions);
  const reach = num(row.reach);
  return {
    id: (level === 'campaign' ? row.campaign_id : row.adset_id) ?? '',
    name: level === 'campaign' ? row.campaign_name : row.adset_name,
    campaignId: row.campaign_id,
    since: row.date_start,
    until: row.date_stop,
    impressions,
    reach,
    frequency: row.frequency !== undefined ? Number(row.frequency) : reach > 0 ? impressions / reach : 0,
    spend: { amount: num(row.spend).toFixed(2), currencyCode: row.account_currency ?? 'USD' },
    clicks: num(row.clicks),
    conversions: conversionsOf(row.actions),
  };
}
