/**
 * Automatic persisted queries (APQ) registered by first-party clients: hash → document, shared by
 * every client that may send arbitrary documents (a hash names exactly one text, so sharing is
 * safe). Partners never read it: they are held to their own manifests. Memory (bounded, oldest
 * first out) in embedded mode; Redis with a TTL when the hub has Redis.
 */
import type { Redis } from 'ioredis';

export interface ApqStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
}

/** @default 24 hours: a registered query lives as long as a client build typically stays deployed between visits. */
const APQ_TTL_SECONDS = 24 * 3600;
const MEMORY_CAPACITY = 5_000;

export function createApqStore(redis: Redis | undefined, keyPrefix: string): ApqStore {
  if (redis) {
    return {
      get: async (hash) => (await redis.get(`${keyPrefix}apq:${hash}`)) ?? undefined,
      set: async (hash, document) => void (await redis.set(`${keyPrefix}apq:${hash}`, document, 'EX', APQ_TTL_SECONDS)),
    };
  }
  const documents = new Map<string, string>();
  return {
    get: async (hash) => documents.get(hash),
    async set(hash, document) {
      documents.delete(hash);
      documents.set(hash, document);
      if (documents.size > MEMORY_CAPACITY) documents.delete(documents.keys().next().value!);
    },
  };
}
