/**
 * One DataLoader per Google Ads operation per request, each behind the shared cache with its
 * own TTL: user lists by id, clicks by gclid (per window), campaign metrics (per window), and
 * which campaigns target which lists. The hub's own records (audience ledger, upload log) are
 * batched too, though they cost no vendor call.
 */
import DataLoader from 'dataloader';
import type { GoogleAdsConnector } from '../../connectors/google-ads/connector.js';
import type { DateWindow } from '../../connectors/google-ads/dates.js';
import type { CampaignMetrics } from '../../connectors/google-ads/mappers/to-campaign-metrics.js';
import type { UploadedConversion } from '../../connectors/google-ads/mappers/to-conversion-event.js';
import type { ListTargeting } from '../../connectors/google-ads/reads.js';
import type { AudienceMembership } from '../../connectors/unified/contracts.js';
import type { Cache } from '../../platform/cache/cache.js';
import { cachedLoader } from '../shared/cached-loader.js';
import { cachedClickLoader } from './cached-clicks.js';

export const TTL = {
  userList: 300,
  campaignMetrics: 300,
  listTargeting: 300,
} as const;

const windowKey = (w: DateWindow) => `${w.since}..${w.until}`;

export function createLoaders(google: GoogleAdsConnector, cache: Cache) {
  const { client } = google;
  const clickLoaders = new Map<string, ReturnType<typeof cachedClickLoader>>();
  const metrics = cachedLoader<{ window: string; campaigns: CampaignMetrics[] }>({
    cache,
    vendor: 'google-ads',
    entity: 'campaign_metrics',
    ttlSeconds: TTL.campaignMetrics,
    fetchMany: (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const [since, until] = key.split('..') as [string, string];
          return { window: key, campaigns: await client.campaignMetrics({ since, until }) };
        }),
      ),
    keyOf: (r) => r.window,
  });
  const targeting = cachedLoader<{ key: string; targeting: ListTargeting[] }>({
    cache,
    vendor: 'google-ads',
    entity: 'campaign_criteria',
    ttlSeconds: TTL.listTargeting,
    fetchMany: async (keys) => (keys.length > 0 ? [{ key: 'user_lists', targeting: await client.listTargeting() }] : []),
    keyOf: (r) => r.key,
  });

  return {
    userListById: cachedLoader({
      cache,
      vendor: 'google-ads',
      entity: 'user_list',
      ttlSeconds: TTL.userList,
      fetchMany: (ids) => client.userLists(ids),
      keyOf: (list) => list.id,
    }),
    /** Clicks by gclid within one window; one loader per window, one batch per window. */
    clicksByGclid(window: DateWindow) {
      const key = windowKey(window);
      let loader = clickLoaders.get(key);
      if (!loader) clickLoaders.set(key, (loader = cachedClickLoader(client, cache, window)));
      return loader;
    },
    campaignMetrics: async (window: DateWindow) => (await metrics.load(windowKey(window)))?.campaigns ?? [],
    listTargeting: async () => (await targeting.load('user_lists'))?.targeting ?? [],
    memberships: new DataLoader<string, AudienceMembership[]>((customerIds) =>
      Promise.all(customerIds.map((id) => google.customerMatch?.listsOf(id) ?? Promise.resolve([]))),
    ),
    uploadedConversions: new DataLoader<string, UploadedConversion[]>(async (gclids) => {
      const all = await google.conversionLog.ofGclids(gclids);
      return gclids.map((g) => all.filter((c) => c.gclid === g));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
