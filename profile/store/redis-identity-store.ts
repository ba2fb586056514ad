/**
 * Redis layout (every key under the configured prefix):
 *   idx:{kind}:{value}  string  → owning customer id (the uniqueness guarantee)
 *   cust:{id}           hash    createdAt, updatedAt
 *   cust:{id}:ids       set     identity keys "{kind}:{value}"
 *   customers           zset    every customer id at score 0, read in lexical order for paging
 * Claims run as one Lua script so that two writers can never both own an identifier.
 */
import type { Redis } from 'ioredis';
import { identityKey, parseIdentityKey, sortIdentities, type Identity } from '../../connectors/unified/identity.js';
import type { ClaimResult, CustomerPage, CustomerRecord, IdentityStore } from './identity-store.js';

// KEYS: cust hash, ids set, customers zset, idx keys...; ARGV: mode, id, at, identity keys...
const CLAIM_SCRIPT = `
local mode = ARGV[1]
local exists = redis.call('EXISTS', KEYS[1])
if mode == 'create' and exists == 1 then return {'EXISTS'} end
if mode == 'attach' and exists == 0 then return {'MISSING'} end
local conflicts = {}
for i = 4, #KEYS do
  local owner = redis.call('GET', KEYS[i])
  if owner and owner ~= ARGV[2] then
    table.insert(conflicts, ARGV[i])
    table.insert(conflicts, owner)
  end
end
if #conflicts > 0 then return conflicts end
if mode == 'create' then
  redis.call('HSET', KEYS[1], 'createdAt', ARGV[3])
  redis.call('ZADD', KEYS[3], 0, ARGV[2])
end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[3])
for i = 4, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[i])
end
return {}
`;

// KEYS: cust hash, ids set, customers zset; ARGV: id, index key prefix. Frees only identifiers
// this customer still owns, so a racing claim by someone else is never undone.
const ERASE_SCRIPT = `
local members = redis.call('SMEMBERS', KEYS[2])
for _, member in ipairs(members) do
  local key = ARGV[2] .. member
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return #members
`;

type ClaimCommand = (numKeys: number, ...args: string[]) => Promise<string[]>;

export class RedisIdentityStore implements IdentityStore {
  private readonly claimCommand: ClaimCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once per connection.
    if (!('hubClaimIdentities' in redis)) redis.defineCommand('hubClaimIdentities', { lua: CLAIM_SCRIPT });
    const command = (redis as unknown as { hubClaimIdentities: ClaimCommand }).hubClaimIdentities;
    this.claimCommand = command.bind(redis);
  }

  createCustomer(id: string, identities: Identity[], at: string): Promise<ClaimResult> {
    return this.claim('create', id, identities, at);
  }

  attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult> {
    return this.claim('attach', customerId, identities, at);
  }

  async findCustomerId(identity: Identity): Promise<string | undefined> {
    return (await this.redis.get(this.indexKey(identity))) ?? undefined;
  }

  async findCustomerIds(identities: readonly Identity[]): Promise<(string | undefined)[]> {
    if (identities.length === 0) return [];
    const owners = await this.redis.mget(identities.map((identity) => this.indexKey(identity)));
    return owners.map((owner) => owner ?? undefined);
  }

  async getCustomer(id: string): Promise<CustomerRecord | undefined> {
    const [record] = await this.getCustomers([id]);
    return record;
  }

  async getCustomers(ids: readonly string[]): Promise<(CustomerRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) {
      pipeline.hgetall(this.customerKey(id));
      pipeline.smembers(`${this.customerKey(id)}:ids`);
    }
    const replies = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => {
      const [hashErr, hash] = replies[i * 2] ?? [];
      const [setErr, members] = replies[i * 2 + 1] ?? [];
      if (hashErr) throw hashErr;
      if (setErr) throw setErr;
      const fields = hash as Record<string, string>;
      if (!fields.createdAt) return undefined;
      return {
        id,
        identities: sortIdentities((members as string[]).map(parseIdentityKey)),
        createdAt: fields.createdAt,
        updatedAt: fields.updatedAt ?? fields.createdAt,
      };
    });
  }

  async listCustomers(first: number, after?: string): Promise<CustomerPage> {
    const min = after === undefined ? '-' : `(${after}`;
    // One extra id tells whether another page exists without a second round trip.
    const ids = await this.redis.zrangebylex(this.customersKey(), min, '+', 'LIMIT', 0, first + 1);
    const pageIds = ids.slice(0, first);
    const records = await this.getCustomers(pageIds);
    return {
      customers: records.filter((r): r is CustomerRecord => r !== undefined),
      endCursor: ids.length > first ? pageIds[pageIds.length - 1] : undefined,
    };
  }

  countCustomers(): Promise<number> {
    return this.redis.zcard(this.customersKey());
  }

  async eraseCustomer(id: string): Promise<void> {
    await this.redis.eval(ERASE_SCRIPT, 3, this.customerKey(id), `${this.customerKey(id)}:ids`, this.customersKey(), id, `${this.prefix}idx:`);
  }

  private async claim(mode: 'create' | 'attach', id: string, identities: Identity[], at: string): Promise<ClaimResult> {
    const keys = [this.customerKey(id), `${this.customerKey(id)}:ids`, this.customersKey()];
    keys.push(...identities.map((identity) => this.indexKey(identity)));
    const reply = await this.claimCommand(keys.length, ...keys, mode, id, at, ...identities.map(identityKey));
    if (reply[0] === 'MISSING') throw new Error(`Unknown customer ${id}`);
    if (reply[0] === 'EXISTS') {
      return { ok: false, conflicts: identities.map((identity) => ({ identity, customerId: id })) };
    }
    if (reply.length === 0) return { ok: true };
    const conflicts = [];
    for (let i = 0; i < reply.length; i += 2) {
      conflicts.push({ identity: parseIdentityKey(reply[i]!), customerId: reply[i + 1]! });
    }
    return { ok: false, conflicts };
  }

  private indexKey(identity: Identity): string {
    return `${this.prefix}idx:${identityKey(identity)}`;
  }

  private customerKey(id: string): string {
    return `${this.prefix}cust:${id}`;
  }

  private customersKey(): string {
    return `${this.prefix}customers`;
  }
}
