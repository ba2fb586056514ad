/**
 * Clicks by gclid for one window, behind the shared cache. A click never changes once Google
 * records it, so a found click is cached by gclid (`vendor:google-ads:click:{gclid}`, the key the
 * click sync's changed records name) and serves any window that contains its day. "Not found in
 * this window" is cached briefly and per window, since a click may still be reported later.
 * Every miss of a request goes to Google in one batch: one query per day of the window.
 */
import DataLoader from 'dataloader';
import type { GoogleAdsClient } from '../../connectors/google-ads/client.js';
import type { DateWindow } from '../../connectors/google-ads/dates.js';
import type { GoogleAdsClickRow } from '../../connectors/google-ads/schemas.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { Cache } from '../../platform/cache/cache.js';

export const CLICK_TTL_SECONDS = 24 * 3600;
export const CLICK_MISS_TTL_SECONDS = 60;

const hitKey = (gclid: string) => cacheKeyOf({ vendor: 'google-ads', entity: 'click', id: gclid });
const missKey = (gclid: string, w: DateWindow) => cacheKeyOf({ vendor: 'google-ads', entity: 'click-miss', id: `${w.since}..${w.until}:${gclid}` });
const inWindow = (row: GoogleAdsClickRow, w: DateWindow) => row.segments.date >= w.since && row.segments.date <= w.until;

export function cachedClickLoader(client: GoogleAdsClient, cache: Cache, window: DateWindow): DataLoader<string, GoogleAdsClickRow | null> {
  return new DataLoader(async (gclids) => {
    const [hits, misses] = await Promise.all([
      cache.getMany<GoogleAdsClickRow>(gclids.map(hitKey)),
      cache.getMany<true>(gclids.map((g) => missKey(g, window))),
    ]);
    const known = new Map<string, GoogleAdsClickRow | null>();
    gclids.forEach((g, i) => {
      if (hits[i]) known.set(g, inWindow(hits[i]!, window) ? hits[i]! : null);
      else if (misses[i]) known.set(g, null);
    });
    const ask = gclids.filter((g) => !known.has(g));
    if (ask.length > 0) {
      const rows = await client.clicksByGclid(ask, window);
      const found = new Map(rows.map((r) => [r.clickView.gclid, r]));
      await cache.setMany<GoogleAdsClickRow | true>([
        ...[...found.values()].map((row) => ({ key: hitKey(row.clickView.gclid), value: row, ttlSeconds: CLICK_TTL_SECONDS })),
        ...ask.filter((g) => !found.has(g)).map((g) => ({ key: missKey(g, window), value: true as const, ttlSeconds: CLICK_MISS_TTL_SECONDS })),
      ]);
      for (const g of ask) known.set(g, found.get(g) ?? null);
    }
    return gclids.map((g) => known.get(g) ?? null);
  });
}
