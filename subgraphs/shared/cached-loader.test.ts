import { describe, expect, it } from 'vitest';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import { cachedLoader } from './cached-loader.js';

interface Rec {
  id: string;
  n: number;
}

describe('cachedLoader', () => {
  const setup = () => {
    const cache = new MemoryCache();
    const calls: string[][] = [];
    const vendorRecords = new Map([
      ['1', { id: '1', n: 1 }],
      ['2', { id: '2', n: 2 }],
    ]);
    const make = () =>
      cachedLoader<Rec>({
        cache,
        vendor: 'hubspot',
        entity: 'contact',
        ttlSeconds: 60,
        fetchMany: async (ids) => {
          calls.push([...ids]);
          return ids.flatMap((id) => (vendorRecords.has(id) ? [vendorRecords.get(id)!] : []));
        },
        keyOf: (r) => r.id,
      });
    return { cache, calls, make, vendorRecords };
  };

  it('batches every miss of a request into one vendor call and serves the next request from the cache', async () => {
    const { calls, make } = setup();
    const first = make();
    expect(await Promise.all([first.load('1'), first.load('2'), first.load('404')])).toEqual([{ id: '1', n: 1 }, { id: '2', n: 2 }, null]);
    expect(calls).toEqual([['1', '2', '404']]);
    const second = make(); // a new request: a fresh DataLoader, the same cache
    expect(await Promise.all([second.load('1'), second.load('404')])).toEqual([{ id: '1', n: 1 }, null]);
    expect(calls).toHaveLength(1);
  });

  it('reads the vendor again once a webhook invalidated the record', async () => {
    const { cache, calls, make, vendorRecords } = setup();
    await make().load('1');
    vendorRecords.set('1', { id: '1', n: 99 });
    await cache.delete(cacheKeyOf({ vendor: 'hubspot', entity: 'contact', id: '1' }));
    expect(await make().load('1')).toEqual({ id: '1', n: 99 });
    expect(calls).toEqual([['1'], ['1']]);
  });
});
