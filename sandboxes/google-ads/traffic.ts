/**
 * A campaign's daily traffic, generated deterministically from the account's seeded forks:
 * impressions, clicks (the demo people's clicks plus anonymous ones, so that click_view lists
 * exactly `metrics.clicks` rows), spend and conversions (generated plus those the hub uploaded).
 * Reach is non-additive, as Google's is: unique users over a range come from a saturating curve
 * over the range's impressions and a per-campaign audience pool, never from a sum of days.
 */
import { createRandom } from '../demo-world/random.js';
import { daysOf, type DateRange } from './gaql-dates.js';
import type { GoogleAdsState, SandboxCampaign, SandboxClick } from './state.js';

export interface DayMetrics {
  impressions: number;
  clicks: number;
  /** Clicks of people the demo world does not hold. */
  anonymousClicks: number;
  costMicros: number;
  conversions: number;
}

interface ChannelProfile {
  impressions: [number, number];
  /** Click-through rate, in thousandths. */
  ctrPerMille: [number, number];
  /** Price per click (Search) or per thousand impressions (Display, Video), in micros. */
  priceMicros: [number, number];
  /** Conversions per click, in thousandths. */
  cvrPerMille: [number, number];
  /** People the campaign can reach (before scaling); sets how fast frequency grows. */
  pool: number;
}

const PROFILES: Record<SandboxCampaign['channel'], ChannelProfile> = {
  SEARCH: { impressions: [200, 600], ctrPerMille: [20, 50], priceMicros: [400_000, 2_500_000], cvrPerMille: [20, 80], pool: 0 },
  DISPLAY: { impressions: [3_000, 8_000], ctrPerMille: [2, 6], priceMicros: [1_000_000, 4_000_000], cvrPerMille: [5, 20], pool: 60_000 },
  VIDEO: { impressions: [2_000, 6_000], ctrPerMille: [1, 3], priceMicros: [4_000_000, 10_000_000], cvrPerMille: [5, 15], pool: 50_000 },
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function memo<T>(state: GoogleAdsState, key: string, make: () => T): T {
  if (state.memo.has(key)) return state.memo.get(key) as T;
  const value = make();
  state.memo.set(key, value);
  return value;
}

export function knownClicks(state: GoogleAdsState, campaignId: string, date: string): SandboxClick[] {
  return (state.knownClicksByDay.get(date) ?? []).filter((c) => c.campaignId === campaignId);
}

/** The campaign's numbers for one day; zero before it started or after `today`. */
export function dayMetrics(state: GoogleAdsState, campaign: SandboxCampaign, date: string, today: string): DayMetrics {
  if (date < campaign.startDate || date > today) {
    return { impressions: 0, clicks: 0, anonymousClicks: 0, costMicros: 0, conversions: 0 };
  }
  const base = memo(state, `metrics:${campaign.id}:${date}`, () => {
    const profile = PROFILES[campaign.channel];
    const r = createRandom(state.seed).fork(`google-ads:day:${campaign.id}:${date}`);
    const impressions = Math.round(r.int(...profile.impressions) * state.scale);
    const known = knownClicks(state, campaign.id, date).length;
    const clicks = Math.max(known, Math.round((impressions * r.int(...profile.ctrPerMille)) / 1000));
    const price = r.int(...profile.priceMicros);
    const costMicros = campaign.channel === 'SEARCH' ? clicks * price : Math.round((impressions * price) / 1000);
    const conversions = Math.round((clicks * r.int(...profile.cvrPerMille)) / 1000);
    return { impressions, clicks, anonymousClicks: clicks - known, costMicros, conversions };
  });
  // Conversions the hub uploaded count on the day of their click, as Google reports them by default.
  const uploaded = state.conversionsByClickDay.get(`${campaign.id}:${date}`) ?? 0;
  return { ...base, conversions: base.conversions + uploaded };
}

/** Every click of the day for the campaign: the demo people's and the anonymous ones. */
export function dayClicks(state: GoogleAdsState, campaign: SandboxCampaign, date: string, today: string): readonly SandboxClick[] {
  const metrics = dayMetrics(state, campaign, date, today);
  if (metrics.clicks === 0) return [];
  // Generated once per campaign and day (thousands of clicks a day in a large world), then kept:
  // the anonymous clicks depend only on the seed and the day's numbers, so the memo is dropped
  // with the day's metrics when a click is added (admin.ts).
  return memo(state, dayClicksKey(campaign.id, date), () => generateDayClicks(state, campaign, date, metrics));
}

/** The memo key of a campaign's clicks of one day. */
export const dayClicksKey = (campaignId: string, date: string) => `clicks:${campaignId}:${date}`;

function generateDayClicks(state: GoogleAdsState, campaign: SandboxCampaign, date: string, metrics: DayMetrics): SandboxClick[] {
  const r = createRandom(state.seed).fork(`google-ads:anonymous-clicks:${campaign.id}:${date}`);
  const anonymous: SandboxClick[] = [];
  for (let i = 0; i < metrics.anonymousClicks; i++) {
    const second = r.int(0, 86_399);
    const click: SandboxClick = {
      gclid: `Cj0KCQ${r.chars(BASE62, 74)}`,
      campaignId: campaign.id,
      adGroupId: campaign.adGroupId,
      clickedAt: new Date(Date.parse(`${date}T00:00:00Z`) + second * 1000).toISOString(),
      date,
    };
    anonymous.push(click);
    // Indexed once seen, so a conversion can be uploaded against it.
    if (!state.clicksByGclid.has(click.gclid)) state.clicksByGclid.set(click.gclid, click);
  }
  return [...knownClicks(state, campaign.id, date), ...anonymous].sort((a, b) => a.clickedAt.localeCompare(b.clickedAt));
}

export function rangeMetrics(state: GoogleAdsState, campaign: SandboxCampaign, range: DateRange, today: string): DayMetrics {
  const total: DayMetrics = { impressions: 0, clicks: 0, anonymousClicks: 0, costMicros: 0, conversions: 0 };
  for (const day of daysOf(range)) {
    const m = dayMetrics(state, campaign, day, today);
    total.impressions += m.impressions;
    total.clicks += m.clicks;
    total.anonymousClicks += m.anonymousClicks;
    total.costMicros += m.costMicros;
    total.conversions += m.conversions;
  }
  return total;
}

/**
 * Unique users and average frequency over exactly this range, or undefined for campaign types
 * Google does not report reach for (Search).
 */
export function reach(
  state: GoogleAdsState,
  campaign: SandboxCampaign,
  impressions: number,
): { uniqueUsers: number; frequency: number } | undefined {
  const profile = PROFILES[campaign.channel];
  if (profile.pool === 0) return undefined;
  const pool = memo(state, `pool:${campaign.id}`, () => {
    const r = createRandom(state.seed).fork(`google-ads:pool:${campaign.id}`);
    return Math.round((profile.pool * state.scale * r.int(80, 120)) / 100);
  });
  if (impressions === 0) return { uniqueUsers: 0, frequency: 0 };
  const uniqueUsers = Math.max(1, Math.round(pool * (1 - Math.exp(-impressions / pool))));
  return { uniqueUsers, frequency: impressions / uniqueUsers };
}
