/** The behaviour every Cache adapter must show; memory and Redis run the same assertions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from './cache.js';

export function describeCacheContract(name: string, create: () => Promise<{ cache: Cache; cleanup: () => Promise<void> }>) {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ cache, cleanup } = await create()));
    afterEach(async () => cleanup());

    it('returns what was set, as an equal copy, and undefined for a miss', async () => {
      const value = { id: '1', tags: ['vip'], nested: { n: 1 } };
      await cache.set('vendor:shopify:customer:1', value, 60);
      const got = await cache.get<typeof value>('vendor:shopify:customer:1');
      expect(got).toEqual(value);
      expect(got).not.toBe(value);
      expect(await cache.get('vendor:shopify:customer:2')).toBeUndefined();
    });

    it('reads and writes many keys at once, in order', async () => {
      await cache.setMany<unknown>([
        { key: 'a', value: 1, ttlSeconds: 60 },
        { key: 'c', value: { x: 3 }, ttlSeconds: 60 },
      ]);
      expect(await cache.getMany(['a', 'b', 'c'])).toEqual([1, undefined, { x: 3 }]);
      expect(await cache.getMany([])).toEqual([]);
    });

    it('expires entries after their TTL and ignores a non-positive TTL', async () => {
      await cache.set('short', 'v', 0.05);
      await cache.set('never', 'v', 0);
      expect(await cache.get('short')).toBe('v');
      expect(await cache.get('never')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 80));
      expect(await cache.get('short')).toBeUndefined();
    });

    it('deletes entries and says how many existed', async () => {
      await cache.set('x', 1, 60);
      await cache.set('y', 2, 60);
      expect(await cache.delete('x', 'y', 'z')).toBe(2);
      expect(await cache.getMany(['x', 'y'])).toEqual([undefined, undefined]);
      expect(await cache.delete()).toBe(0);
    });

    it('keeps falsy values apart from misses', async () => {
      await cache.setMany<unknown>([
        { key: 'zero', value: 0, ttlSeconds: 60 },
        { key: 'null', value: null, ttlSeconds: 60 },
        { key: 'false', value: false, ttlSeconds: 60 },
      ]);
      expect(await cache.getMany(['zero', 'null', 'false'])).toEqual([0, null, false]);
    });
  });
}
