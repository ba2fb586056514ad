/**
 * Manifests in Redis: one hash per client (`<prefix>pq:<client>`: id → document), shared by every
 * gateway replica. Lookups are cached in process; a publish or remove announces the client on
 * `<prefix>pq:changed`, and every replica drops that client's cache, so changes apply at once
 * (hot reload) without a restart or a poll.
 */
import type { Redis } from 'ioredis';
import type { PersistedDocumentStore } from './document-store.js';
import type { Manifest } from './manifest.js';

const MAX_CACHED_PER_CLIENT = 10_000;

export interface RedisStoreOptions {
  redis: Redis;
  keyPrefix: string;
  /** Subscribe to change notices (gateways). The CLI only writes. @default true */
  subscribe?: boolean;
}

export async function createRedisDocumentStore(options: RedisStoreOptions): Promise<PersistedDocumentStore> {
  const { redis, keyPrefix } = options;
  const keyOf = (client: string) => `${keyPrefix}pq:${client}`;
  const channel = `${keyPrefix}pq:changed`;
  const cache = new Map<string, Map<string, string | null>>();

  let subscriber: Redis | undefined;
  if (options.subscribe ?? true) {
    subscriber = redis.duplicate();
    await subscriber.subscribe(channel);
    subscriber.on('message', (_channel, client: string) => cache.delete(client));
  }
  const announce = (client: string) => redis.publish(channel, client);

  return {
    async get(client, id) {
      let documents = cache.get(client);
      // Bounded: a stream of made-up ids must not grow the cache without end.
      if (!documents || documents.size > MAX_CACHED_PER_CLIENT) cache.set(client, (documents = new Map()));
      if (documents.has(id)) return documents.get(id) ?? undefined;
      const body = await redis.hget(keyOf(client), id);
      documents.set(id, body); // misses too: an unknown id costs Redis once, until the next change
      return body ?? undefined;
    },
    async list(client) {
      return new Map(Object.entries(await redis.hgetall(keyOf(client))));
    },
    async publish(client, operations: Manifest) {
      if (operations.size > 0) await redis.hset(keyOf(client), Object.fromEntries(operations));
      await announce(client);
      return redis.hlen(keyOf(client));
    },
    async remove(client, id) {
      const removed = await redis.hdel(keyOf(client), id);
      await announce(client);
      return removed > 0;
    },
    async close() {
      subscriber?.disconnect();
    },
  };
}
