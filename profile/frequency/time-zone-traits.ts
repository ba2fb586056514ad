/**
 * The customer's stated time zone, a trait kept per customer (memory and Redis adapters below).
 * Redis: one hash `tz` (customer id → IANA zone) under the configured prefix.
 */
import type { Redis } from 'ioredis';
import type { CustomerScopedData } from '../customer-data.js';

export interface TimeZoneTraits extends CustomerScopedData {
  timeZoneOf(customerId: string): Promise<string | undefined>;
  setTimeZone(customerId: string, zone: string): Promise<void>;
}

export class MemoryTimeZoneTraits implements TimeZoneTraits {
  private readonly zones = new Map<string, string>();

  async timeZoneOf(customerId: string) {
    return this.zones.get(customerId);
  }

  async setTimeZone(customerId: string, zone: string) {
    this.zones.set(customerId, zone);
  }

  /** The survivor's own zone wins; the absorbed one fills a gap. */
  async mergeInto(survivorId: string, absorbedId: string) {
    const absorbed = this.zones.get(absorbedId);
    if (absorbed !== undefined && !this.zones.has(survivorId)) this.zones.set(survivorId, absorbed);
    if (survivorId !== absorbedId) this.zones.delete(absorbedId);
  }

  async erase(customerId: string) {
    this.zones.delete(customerId);
  }
}

// KEYS: the hash; ARGV: survivor, absorbed
const MERGE_SCRIPT = `
local absorbed = redis.call('HGET', KEYS[1], ARGV[2])
if absorbed then redis.call('HSETNX', KEYS[1], ARGV[1], absorbed) end
if ARGV[1] ~= ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[2]) end
return 1
`;

export class RedisTimeZoneTraits implements TimeZoneTraits {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}tz`;
  }

  async timeZoneOf(customerId: string) {
    return (await this.redis.hget(this.key, customerId)) ?? undefined;
  }

  async setTimeZone(customerId: string, zone: string) {
    await this.redis.hset(this.key, customerId, zone);
  }

  async mergeInto(survivorId: string, absorbedId: string) {
    await this.redis.eval(MERGE_SCRIPT, 1, this.key, survivorId, absorbedId);
  }

  async erase(customerId: string) {
    await this.redis.hdel(this.key, customerId);
  }
}
