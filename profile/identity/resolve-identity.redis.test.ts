import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../../test/support/redis.js';
import { RedisIdentityStore } from '../store/redis-identity-store.js';
import { describeIdentityResolution } from './resolve-identity.contract.js';
import { createIdentityResolver } from './resolve-identity.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeIdentityResolution('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisIdentityStore(redis, prefix), cleanup };
  });
});

describe.skipIf(!redisAvailable)('identity resolution across processes on one Redis', () => {
  it('creates one customer when resolvers on separate connections race for one identifier', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    const others = Array.from({ length: 3 }, () => new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }));
    try {
      const resolvers = [redis, ...others].map((connection) => createIdentityResolver({ store: new RedisIdentityStore(connection, prefix) }));
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          resolvers[i % resolvers.length]!.resolve({
            source: 'meta',
            sourceRecordId: `lead${i}`,
            observedAt: '2026-11-01T00:00:00.000Z',
            identities: [
              { kind: 'PHONE', value: i % 2 ? '(415) 555-0100' : '+1 415 555 0100' },
              { kind: 'META_LEAD', value: `lead${i}` },
            ],
          }),
        ),
      );
      expect(new Set(results.map((r) => r.customerId)).size).toBe(1);
      const store = new RedisIdentityStore(redis, prefix);
      expect(await store.countCustomers()).toBe(1);
      expect((await store.getCustomer(results[0]!.customerId!))!.identities).toHaveLength(41);
    } finally {
      for (const other of others) other.disconnect();
      await cleanup();
    }
  });
});
