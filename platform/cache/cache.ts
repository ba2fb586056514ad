/**
 * A cache of JSON values with per-entry TTLs. Adapters: memory (embedded mode) and Redis
 * (shared by every process); both pass one contract suite (cache.contract.ts).
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  /** One round trip for many keys; misses are undefined, in key order. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  setMany<T>(entries: readonly { key: string; value: T; ttlSeconds: number }[]): Promise<void>;
  /** Removes entries; returns how many existed. */
  delete(...keys: string[]): Promise<number>;
}
