/**
 * One DataLoader per Meta operation per request, behind the shared cache: however many customers a
 * query asks for, each operation costs at most one vendor call (none from a warm cache).
 * - leads by id (`GET /?ids=`, 50 per call): cached an hour; a leadgen webhook drops the entry.
 * - the ad account's ad sets with their targeting: cached 5 minutes.
 * - insights per window, by ad set and by campaign: cached 15 minutes (Meta refreshes them about
 *   that often).
 * Audience memberships come from the hub's ledger (no vendor call, not cached: it is the truth).
 */
import DataLoader from 'dataloader';
import type { MetaConnector } from '../../connectors/meta-ads/connector.js';
import type { DateWindow } from '../../connectors/meta-ads/insights-api.js';
import type { MetaAdSet, MetaInsightsRow } from '../../connectors/meta-ads/schemas.js';
import type { Cache } from '../../platform/cache/cache.js';
import { cachedLoader } from '../shared/cached-loader.js';

export const TTL = { lead: 3600, adSets: 300, insights: 900 } as const;

const windowKey = (w: DateWindow) => `${w.since}..${w.until}`;
const parseWindowKey = (key: string): DateWindow => {
  const [since, until] = key.split('..') as [string, string];
  return { since, until };
};

export interface LoaderOptions {
  /** How long one read may take, retries and rate-budget waits included: a query never waits on a throttled account. */
  readBudgetMs: number;
}

export function createLoaders(meta: MetaConnector, cache: Cache, options: LoaderOptions) {
  const { client } = meta;
  const call = () => ({ deadline: Date.now() + options.readBudgetMs, retry: { maxAttempts: 2 } });
  const insightsLoader = (level: 'campaign' | 'adset') => {
    const loader = cachedLoader<{ key: string; rows: MetaInsightsRow[] }>({
      cache,
      vendor: 'meta',
      entity: `insights:${level}`,
      ttlSeconds: TTL.insights,
      fetchMany: (keys) => Promise.all(keys.map(async (key) => ({ key, rows: await client.insights(level, parseWindowKey(key), { call: call() }) }))),
      keyOf: (entry) => entry.key,
    });
    return { load: async (window: DateWindow) => (await loader.load(windowKey(window)))?.rows ?? [] };
  };
  const adSets = cachedLoader<{ key: string; adSets: MetaAdSet[] }>({
    cache,
    vendor: 'meta',
    entity: 'adsets',
    ttlSeconds: TTL.adSets,
    fetchMany: async (keys) => (keys.length > 0 ? [{ key: keys[0]!, adSets: await client.listAdSets(call()) }] : []),
    keyOf: (entry) => entry.key,
  });
  return {
    leadById: cachedLoader({ cache, vendor: 'meta', entity: 'lead', ttlSeconds: TTL.lead, fetchMany: (ids) => client.getLeads(ids, call()), keyOf: (lead) => lead.id }),
    memberships: new DataLoader(async (customerIds: readonly string[]) => meta.audiences?.membershipsOf(customerIds) ?? customerIds.map(() => [])),
    adSets: { load: async () => (await adSets.load('account'))?.adSets ?? [] },
    adSetInsights: insightsLoader('adset'),
    campaignInsights: insightsLoader('campaign'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
