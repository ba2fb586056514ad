/**
 * The response cache's store in Redis (shared by every gateway replica), implementing the
 * envelop response-cache `Cache` contract: a response under its key with a TTL, plus one set per
 * entity (`Customer:cus_…`) naming the responses that contain it, so a mutation touching that
 * entity drops them.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { Redis } from 'ioredis';

export function createRedisResponseCache(redis: Redis, keyPrefix: string): Cache {
  const responseKey = (id: string) => `${keyPrefix}rc:response:${id}`;
  const entityKey = (typename: string, id?: string | number) => `${keyPrefix}rc:entity:${typename}${id === undefined ? '' : `:${id}`}`;
  return {
    async get(id) {
      const cached = await redis.get(responseKey(id));
      return cached ? JSON.parse(cached) : undefined;
    },
    async set(id, data, entities, ttl) {
      const ttlMs = Number.isFinite(ttl) ? Math.max(1, Math.round(ttl)) : undefined;
      const tx = redis.multi();
      if (ttlMs) tx.set(responseKey(id), JSON.stringify(data), 'PX', ttlMs);
      else tx.set(responseKey(id), JSON.stringify(data));
      for (const entity of entities) {
        const key = entityKey(entity.typename, entity.id);
        tx.sadd(key, id);
        if (ttlMs) tx.pexpire(key, ttlMs, 'GT').pexpire(key, ttlMs, 'NX');
      }
      await tx.exec();
    },
    async invalidate(entities) {
      const keys = [...entities].map((e) => entityKey(e.typename, e.id));
      if (keys.length === 0) return;
      const ids = new Set((await Promise.all(keys.map((k) => redis.smembers(k)))).flat());
      await redis.del(...keys, ...[...ids].map(responseKey));
    },
  };
}
