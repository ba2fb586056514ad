/**
 * A DataLoader over a connector's batch read: every key asked for during one request is sent in
 * one vendor call (the connector splits at the vendor's batch limit), and results are matched back
 * to keys by `keyOf`. Keys the vendor does not know resolve to null.
 */
import DataLoader from 'dataloader';

export function keyedLoader<T>(
  fetchMany: (keys: readonly string[]) => Promise<readonly T[]>,
  keyOf: (record: T) => string | undefined,
  normalizeKey: (key: string) => string = (key) => key,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(
    async (keys) => {
      const records = await fetchMany(keys);
      const byKey = new Map<string, T>();
      for (const record of records) {
        const key = keyOf(record);
        if (key !== undefined) byKey.set(normalizeKey(key), record);
      }
      return keys.map((key) => byKey.get(normalizeKey(key)) ?? null);
    },
    { cacheKeyFn: normalizeKey },
  );
}

/** A DataLoader whose keys each map to many records (a person's clicks, a person's leads). */
export function groupedLoader<T>(
  fetchMany: (keys: readonly string[]) => Promise<readonly T[]>,
  keyOf: (record: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const records = await fetchMany(keys);
    const byKey = new Map<string, T[]>();
    for (const record of records) {
      const key = keyOf(record);
      byKey.set(key, [...(byKey.get(key) ?? []), record]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Loads many keys; DataLoader reports failures as Error values, which here fail the whole read. */
export async function loadAll<V>(loader: DataLoader<string, V>, keys: readonly string[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const failure = values.find((v): v is Error => v instanceof Error);
  if (failure) throw failure;
  return values as V[];
}
