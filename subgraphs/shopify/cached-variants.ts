/**
 * A DataLoader over a batch read whose answer for one record depends on a variant (a page size),
 * cached per record under `cacheKeyOf({ vendor: 'shopify', entity, id })` (the key ingest deletes
 * when a webhook says the record changed) with one slot per variant. Within a request each
 * (record, variant) is loaded once and every miss goes to Shopify in one batch call.
 */
import DataLoader from 'dataloader';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { Cache } from '../../platform/cache/cache.js';

export interface VariantKey {
  id: string;
  variant: string;
}

type Entry<V> = Record<string, { value: V | null }>;

export function cachedVariantLoader<K extends VariantKey, V>(options: {
  cache: Cache;
  entity: string;
  ttlSeconds: number;
  fetchMany: (keys: readonly K[]) => Promise<readonly (V | undefined)[]>;
}): DataLoader<K, V | null, string> {
  const keyFor = (id: string) => cacheKeyOf({ vendor: 'shopify', entity: options.entity, id });
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      const ids = [...new Set(keys.map((k) => k.id))];
      const entries = await options.cache.getMany<Entry<V>>(ids.map(keyFor));
      const stored = new Map<string, Entry<V> | undefined>(ids.map((id, i) => [id, entries[i]]));
      const misses = keys.filter((k) => stored.get(k.id)?.[k.variant] === undefined);
      if (misses.length > 0) {
        const fetched = await options.fetchMany(misses);
        misses.forEach((key, i) => stored.set(key.id, { ...stored.get(key.id), [key.variant]: { value: fetched[i] ?? null } }));
        const changedIds = [...new Set(misses.map((k) => k.id))];
        await options.cache.setMany(changedIds.map((id) => ({ key: keyFor(id), value: stored.get(id)!, ttlSeconds: options.ttlSeconds })));
      }
      return keys.map((k) => stored.get(k.id)![k.variant]!.value);
    },
    { cacheKeyFn: (k) => `${k.id}|${k.variant}` },
  );
}
