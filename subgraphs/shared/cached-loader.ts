/**
 * A keyed DataLoader in front of the vendor, behind the shared cache: within a request every key
 * is loaded once and all misses go to the vendor in one batch call; across requests (and across
 * processes, with Redis) a record read recently comes from the cache under `cacheKeyOf`, which is
 * the key ingest deletes when a webhook says the record changed. Misses the vendor does not know
 * are cached too (as null, shorter), so unknown ids do not cost a call on every request.
 */
import DataLoader from 'dataloader';
import { cacheKeyOf, type ChangedRecord } from '../../connectors/unified/batch.js';
import type { Cache } from '../../platform/cache/cache.js';

export interface CachedLoaderOptions<T> {
  cache: Cache;
  vendor: ChangedRecord['vendor'];
  /** The record kind as webhooks name it (`contact`, `customer`, `profile`, ...). */
  entity: string;
  ttlSeconds: number;
  /** How long "the vendor has no such record" is remembered. @default min(ttlSeconds, 30) */
  negativeTtlSeconds?: number;
  fetchMany: (keys: readonly string[]) => Promise<readonly T[]>;
  keyOf: (record: T) => string | undefined;
}

/** What is stored: the record, or null for a known miss. */
type Slot<T> = { value: T | null };

export function cachedLoader<T>(options: CachedLoaderOptions<T>): DataLoader<string, T | null> {
  const { cache, vendor, entity, ttlSeconds } = options;
  const negativeTtl = options.negativeTtlSeconds ?? Math.min(ttlSeconds, 30);
  const keyFor = (id: string) => cacheKeyOf({ vendor, entity, id });

  return new DataLoader<string, T | null>(async (ids) => {
    const cached = await cache.getMany<Slot<T>>(ids.map(keyFor));
    const missing = ids.filter((_, i) => cached[i] === undefined);
    const fetched = new Map<string, T>();
    if (missing.length > 0) {
      for (const record of await options.fetchMany(missing)) {
        const id = options.keyOf(record);
        if (id !== undefined) fetched.set(id, record);
      }
      await cache.setMany(
        missing.map((id) => {
          const value = fetched.get(id) ?? null;
          return { key: keyFor(id), value: { value }, ttlSeconds: value === null ? negativeTtl : ttlSeconds };
        }),
      );
    }
    return ids.map((id, i) => (cached[i] !== undefined ? cached[i]!.value : (fetched.get(id) ?? null)));
  });
}
