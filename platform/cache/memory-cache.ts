import type { Cache } from './cache.js';

interface Entry {
  json: string;
  expiresAt: number;
}

/**
 * The embedded-mode cache. Values are stored as JSON, like in Redis, so a caller can never
 * mutate a cached object, and both adapters return equal copies. Bounded: the oldest entries go
 * first when `maxEntries` is reached.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return JSON.parse(entry.json) as T;
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    return Promise.all(keys.map((key) => this.get<T>(key)));
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    this.entries.delete(key); // re-insert so Map order tracks recency of writes
    this.entries.set(key, { json: JSON.stringify(value), expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async setMany<T>(entries: readonly { key: string; value: T; ttlSeconds: number }[]): Promise<void> {
    for (const e of entries) await this.set(e.key, e.value, e.ttlSeconds);
  }

  async delete(...keys: string[]): Promise<number> {
    let deleted = 0;
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry && entry.expiresAt > this.now()) deleted++;
      this.entries.delete(key);
    }
    return deleted;
  }
}
