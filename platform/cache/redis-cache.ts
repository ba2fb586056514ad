import type { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/** The shared cache: JSON strings under `{prefix}cache:{key}` with Redis expiry. */
export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(this.key(key));
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys.map((k) => this.key(k)));
    return values.map((json) => (json === null ? undefined : (JSON.parse(json) as T)));
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    await this.redis.set(this.key(key), JSON.stringify(value), 'PX', Math.round(ttlSeconds * 1000));
  }

  async setMany<T>(entries: readonly { key: string; value: T; ttlSeconds: number }[]): Promise<void> {
    const live = entries.filter((e) => e.ttlSeconds > 0);
    if (live.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const e of live) pipeline.set(this.key(e.key), JSON.stringify(e.value), 'PX', Math.round(e.ttlSeconds * 1000));
    await pipeline.exec();
  }

  async delete(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.redis.del(...keys.map((k) => this.key(k)));
  }

  private key(key: string): string {
    return `${this.prefix}cache:${key}`;
  }
}
