/**
 * Redis layout (under the configured prefix):
 *   consent:{customerId}   hash   record id → the record as JSON
 * HSETNX makes appends append-only and deduplicated by id even with concurrent writers; a merge
 * runs as one Lua script so no record is lost between reading the absorbed hash and deleting it.
 */
import type { Redis } from 'ioredis';
import type { ConsentRecord, ConsentTopic } from '../../connectors/unified/consent.js';
import { byOccurredAt, type ConsentLedger } from './consent-ledger.js';

// KEYS: survivor hash, absorbed hash. Copies fields the survivor lacks, then drops the absorbed hash.
const MERGE_SCRIPT = `
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do redis.call('HSETNX', KEYS[1], fields[i], fields[i + 1]) end
redis.call('DEL', KEYS[2])
return #fields / 2
`;

export class RedisConsentLedger implements ConsentLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async appendConsents(customerId: string, records: readonly ConsentRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const multi = this.redis.multi();
    for (const record of records) multi.hsetnx(this.key(customerId), record.id, JSON.stringify(record));
    const replies = (await multi.exec()) ?? [];
    return replies.reduce((added, [error, reply]) => {
      if (error) throw error;
      return added + Number(reply);
    }, 0);
  }

  async history(customerId: string, topic?: ConsentTopic): Promise<ConsentRecord[]> {
    const held = (await this.redis.hvals(this.key(customerId))).map((json) => JSON.parse(json) as ConsentRecord);
    return held.filter((r) => topic === undefined || r.topic === topic).sort(byOccurredAt);
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    await this.redis.eval(MERGE_SCRIPT, 2, this.key(survivorId), this.key(absorbedId));
  }

  async erase(customerId: string): Promise<void> {
    await this.redis.del(this.key(customerId));
  }

  private key(customerId: string): string {
    return `${this.prefix}consent:${customerId}`;
  }
}
