/**
 * Delivery history of the sandbox's ad sets, generated deterministically per ad set and per day
 * from forks of the world's seed (`meta:insights:...`), so any window can be answered lazily and
 * no other vendor's draws shift. Leads come from the state itself (the world's leads plus any
 * submitted since), so insights agree with the leads edge.
 *
 * Reach is not additive across days: over a window it follows a saturating curve of the ad set's
 * audience pool P, reach = P·(1 − e^(−impressions/P)), which is what makes frequency
 * (impressions / reach) grow with the window, as it does on Meta.
 */
import { createRandom, type Random } from '../demo-world/random.js';
import { addDays, dateMs, type DateRange } from './date-range.js';
import type { MetaAdSet, MetaState } from './state.js';

export interface DailyDelivery {
  date: string;
  impressions: number;
  clicks: number;
  spendCents: number;
  purchases: number;
  leads: number;
}

export interface DeliveryTotals {
  impressions: number;
  reach: number;
  clicks: number;
  spendCents: number;
  purchases: number;
  leads: number;
}

interface AdSetProfile {
  dailyImpressions: number;
  pool: number;
  cpmCents: number;
  ctr: number;
  purchaseRate: number;
}

export class InsightsGenerator {
  private readonly root: Random;
  private readonly profiles = new Map<string, AdSetProfile>();
  private readonly days = new Map<string, Omit<DailyDelivery, 'leads'>>();
  private leadIndex: { size: number; counts: Map<string, number> } | undefined;

  constructor(private readonly state: MetaState) {
    this.root = createRandom(state.seed);
  }

  /** One ad set's delivery on one day; undefined before the campaign started or after `today`. */
  daily(adSet: MetaAdSet, date: string, today: string): DailyDelivery | undefined {
    const campaign = this.state.campaigns.get(adSet.campaignId);
    if (!campaign || date < campaign.startDate || date > today) return undefined;
    const key = `${adSet.id}:${date}`;
    let day = this.days.get(key);
    if (!day) {
      const profile = this.profile(adSet);
      const r = this.root.fork(`meta:insights:${adSet.id}:${date}`);
      const weekday = new Date(dateMs(date)).getUTCDay();
      const weekFactor = weekday === 0 || weekday === 6 ? 0.8 : 1.05;
      const impressions = Math.round(profile.dailyImpressions * weekFactor * (0.7 + 0.6 * r.next()));
      const clicks = Math.round(impressions * profile.ctr * (0.8 + 0.4 * r.next()));
      const spendCents = Math.round((impressions / 1000) * profile.cpmCents * (0.9 + 0.2 * r.next()));
      const purchases = Math.floor(clicks * profile.purchaseRate * 2 * r.next());
      day = { date, impressions, clicks, spendCents, purchases };
      this.days.set(key, day);
    }
    return { ...day, leads: this.leadCounts().get(`${adSet.campaignId}:${date}`) ?? 0 };
  }

  /** The days of a window an ad set delivered on. */
  dailyRange(adSet: MetaAdSet, range: DateRange, today: string): DailyDelivery[] {
    const out: DailyDelivery[] = [];
    for (let date = range.since; date <= range.until && date <= today; date = addDays(date, 1)) {
      const day = this.daily(adSet, date, today);
      if (day) out.push(day);
    }
    return out;
  }

  /** Totals of ad sets over a window; reach sums per ad set (their audience pools are disjoint). */
  totals(adSets: readonly MetaAdSet[], range: DateRange, today: string): DeliveryTotals {
    const totals: DeliveryTotals = { impressions: 0, reach: 0, clicks: 0, spendCents: 0, purchases: 0, leads: 0 };
    for (const adSet of adSets) {
      let impressions = 0;
      for (const day of this.dailyRange(adSet, range, today)) {
        impressions += day.impressions;
        totals.clicks += day.clicks;
        totals.spendCents += day.spendCents;
        totals.purchases += day.purchases;
        totals.leads += day.leads;
      }
      totals.impressions += impressions;
      totals.reach += reachOf(impressions, this.profile(adSet).pool);
    }
    return totals;
  }

  private profile(adSet: MetaAdSet): AdSetProfile {
    let profile = this.profiles.get(adSet.id);
    if (!profile) {
      const r = this.root.fork(`meta:insights:profile:${adSet.id}`);
      profile = {
        dailyImpressions: r.int(800, 4000),
        pool: r.int(25_000, 120_000),
        cpmCents: r.int(600, 1800),
        ctr: 0.006 + 0.016 * r.next(),
        purchaseRate: 0.01 + 0.03 * r.next(),
      };
      this.profiles.set(adSet.id, profile);
    }
    return profile;
  }

  /** Leads per `{campaignId}:{date}`, rebuilt when leads are added. */
  private leadCounts(): Map<string, number> {
    if (this.leadIndex?.size !== this.state.leads.size) {
      const counts = new Map<string, number>();
      for (const lead of this.state.leads.values()) {
        const key = `${lead.campaignId}:${lead.createdTime.slice(0, 10)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      this.leadIndex = { size: this.state.leads.size, counts };
    }
    return this.leadIndex.counts;
  }
}

/** Unique people reached by `impressions` served into a pool of `pool` people. */
export function reachOf(impressions: number, pool: number): number {
  if (impressions <= 0) return 0;
  return Math.max(1, Math.min(impressions, Math.round(pool * (1 - Math.exp(-impressions / pool)))));
}
