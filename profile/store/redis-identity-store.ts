/**
 * Redis layout (every key under the configured prefix):
 *   idx:{kind}:{value}    string → owning (live) customer id: the uniqueness guarantee
 *   cust:{id}             hash   createdAt, updatedAt, v (version, bumped by every write)
 *   cust:{id}:ids         set    identity keys "{kind}:{value}"
 *   cust:{id}:src         set    sources whose records resolved here
 *   cust:{id}:merges      list   merge records (JSON), oldest first, absorbed histories included
 *   cust:{id}:aliases     set    ids merged into this customer
 *   cust:{id}:conflicts   set    ids of refused merges that involved it
 *   alias:{id}            string → the survivor an absorbed id was merged into (followed in chains)
 *   customers             zset   live customer ids at score 0, read in lexical order for paging
 *   by:kind:{KIND}        zset   live customers holding an identifier of that kind  } filter
 *   by:source:{source}    zset   live customers observed from that source            } indexes,
 *   by:domain:{domain}    zset   live customers with an email at that domain         } lexical
 *   conflict:{id}         string the refused merge (JSON)
 *   conflicts             zset   "{at}|{id}" at score 0: every refused merge in time order
 *   merges:pending        hash   absorbed id → survivor, until per-customer data has moved
 * Lookups by identifier or id are O(1) (an alias adds one GET per link). Every write is one Lua
 * script (redis-commit-script.ts).
 */
import type { Redis } from 'ioredis';
import { identityKey, parseIdentityKey, sortIdentities, type Identity, type Source } from '../../connectors/unified/identity.js';
import { attachIdentitiesViaCommit, createCustomerViaCommit } from './claim-identities.js';
import { emailDomainOf, isEmptyFilter, matchesFilter } from './customer-filter.js';
import type {
  ClaimResult,
  CommitResult,
  ConflictPage,
  CustomerFilter,
  CustomerPage,
  CustomerRecord,
  IdentityConflict,
  IdentityStore,
  MergeRecord,
  PendingDataMerge,
  ResolutionWrite,
} from './identity-store.js';
import { COMMIT_SCRIPT } from './redis-commit-script.js';

type CommitCommand = (numKeys: number, ...args: string[]) => Promise<string>;

const MAX_ALIAS_HOPS = 32;

/**
 * Erasure in one step. Fixed keys: 1 hash, 2 ids, 3 sources, 4 merges, 5 aliases, 6 conflicts of
 * the customer, 7 customers zset, 8 pending data merges, 9 conflicts zset; ARGV[1] the plan.
 * (Keys named in the plan are built from the same prefix: one Redis node, as for merges.)
 */
const ERASE_SCRIPT = `
local p = cjson.decode(ARGV[1])
for _, key in ipairs(p.owned) do
  if redis.call('GET', key) == p.id then redis.call('DEL', key) end
end
for _, key in ipairs(p.unindex) do redis.call('ZREM', key, p.id) end
for _, a in ipairs(p.aliases) do
  redis.call('DEL', a.key)
  redis.call('HDEL', KEYS[8], a.id)
end
for _, c in ipairs(p.conflicts) do
  redis.call('DEL', c.key)
  redis.call('ZREM', KEYS[9], c.member)
  for _, set in ipairs(c.sets) do redis.call('SREM', set, c.id) end
end
redis.call('ZREM', KEYS[7], p.id)
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return 'OK'
`;
/** Candidates read per round trip while a filtered page fills. */
const SCAN_CHUNK = 200;

export class RedisIdentityStore implements IdentityStore {
  private readonly commitCommand: CommitCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once per connection.
    if (!('hubCommitResolution' in redis)) redis.defineCommand('hubCommitResolution', { lua: COMMIT_SCRIPT });
    const command = (redis as unknown as { hubCommitResolution: CommitCommand }).hubCommitResolution;
    this.commitCommand = command.bind(redis);
  }

  createCustomer(id: string, identities: Identity[], at: string, source: Source = 'hub'): Promise<ClaimResult> {
    return createCustomerViaCommit(this, id, identities, at, source);
  }

  attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult> {
    return attachIdentitiesViaCommit(this, customerId, identities, at);
  }

  async commitResolution(write: ResolutionWrite): Promise<CommitResult> {
    const keys: string[] = [];
    const slot = new Map<string, number>();
    const k = (key: string): number => {
      let index = slot.get(key);
      if (index === undefined) {
        keys.push(key);
        index = keys.length;
        slot.set(key, index);
      }
      return index;
    };
    const t = this.customerKey(write.target);
    for (const key of [t, `${t}:ids`, `${t}:src`, `${t}:merges`, `${t}:aliases`, `${t}:conflicts`]) k(key);
    k(this.key(`alias:${write.target}`));
    k(this.key('customers'));
    k(this.key('merges:pending'));
    k(this.key('conflicts'));

    // The target's filter indexes after the write: what it had, what it absorbs, what it gains.
    const index = new Set<string>();
    const addIndexes = (identities: readonly Identity[], sources: readonly Source[]) => {
      for (const key of this.filterIndexKeys(identities, sources)) index.add(key);
    };
    const target = write.create ? undefined : write.expected.find((e) => e.customerId === write.target);
    if (target) {
      const [current] = await this.getCustomers([write.target]);
      if (current) addIndexes(current.identities, current.sources);
    }
    addIndexes(write.attach, write.source ? [write.source] : []);

    const absorb = write.absorb.map(({ record, merge }) => {
      const a = this.customerKey(record.id);
      addIndexes(record.identities, record.sources);
      return {
        id: record.id,
        hash: k(a),
        ids: k(`${a}:ids`),
        src: k(`${a}:src`),
        merges: k(`${a}:merges`),
        aliases: k(`${a}:aliases`),
        conflicts: k(`${a}:conflicts`),
        alias: k(this.key(`alias:${record.id}`)),
        idx: record.identities.map((identity) => [k(this.indexKey(identity)), identityKey(identity)]),
        unindex: this.filterIndexKeys(record.identities, record.sources).map(k),
        merge: JSON.stringify(merge),
      };
    });
    const plan = {
      at: write.at,
      target: write.target,
      create: write.create,
      versions: write.expected.map(({ customerId, version }) => [k(this.customerKey(customerId)), String(version)]),
      free: write.expectedFree.map((identity) => k(this.indexKey(identity))),
      absorb,
      attach: write.attach.map((identity) => [k(this.indexKey(identity)), identityKey(identity)]),
      source: write.source,
      index: [...index].map(k),
      conflicts: write.conflicts.map((conflict) => ({
        id: conflict.id,
        key: k(this.key(`conflict:${conflict.id}`)),
        json: JSON.stringify(conflict),
        member: conflictMember(conflict),
        sets: conflict.customerIds.map((id) => k(`${this.customerKey(id)}:conflicts`)),
      })),
    };
    const reply = await this.commitCommand(keys.length, ...keys, JSON.stringify(plan));
    return reply === 'OK' ? { ok: true } : { ok: false, reason: reply === 'EXISTS' ? 'EXISTS' : 'STALE' };
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
      pipeline.smembers(`${this.customerKey(id)}:src`);
    }
    const replies = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => {
      const [hash, members, sources] = [0, 1, 2].map((j) => {
        const [error, value] = replies[i * 3 + j] ?? [];
        if (error) throw error;
        return value;
      });
      const fields = hash as Record<string, string>;
      if (!fields.createdAt) return undefined;
      return {
        id,
        identities: sortIdentities((members as string[]).map(parseIdentityKey)),
        sources: (sources as Source[]).sort(),
        createdAt: fields.createdAt,
        updatedAt: fields.updatedAt ?? fields.createdAt,
        version: Number(fields.v ?? 0),
      };
    });
  }

  async canonicalCustomerId(id: string): Promise<string | undefined> {
    let current = id;
    for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop++) {
      const [[, exists], [, next]] = (await this.redis
        .pipeline()
        .exists(this.customerKey(current))
        .get(this.key(`alias:${current}`))
        .exec()) as [[null, number], [null, string | null]];
      if (exists === 1) return current;
      if (!next) return undefined;
      current = next;
    }
    return undefined;
  }

  async getAliases(customerId: string): Promise<string[]> {
    return (await this.redis.smembers(`${this.customerKey(customerId)}:aliases`)).sort();
  }

  async getMerges(customerId: string): Promise<MergeRecord[]> {
    const merges = await this.redis.lrange(`${this.customerKey(customerId)}:merges`, 0, -1);
    return merges.map((json) => JSON.parse(json) as MergeRecord);
  }

  async getConflicts(customerId: string): Promise<IdentityConflict[]> {
    const ids = await this.redis.smembers(`${this.customerKey(customerId)}:conflicts`);
    const conflicts = await this.readConflicts(ids);
    return conflicts.sort((a, b) => (conflictMember(a) < conflictMember(b) ? 1 : -1));
  }

  async listConflicts(first: number, after?: string): Promise<ConflictPage> {
    const max = after === undefined ? '+' : `(${after}`;
    const members = await this.redis.zrevrangebylex(this.key('conflicts'), max, '-', 'LIMIT', 0, first + 1);
    const page = members.slice(0, first);
    const conflicts = await this.readConflicts(page.map((m) => m.slice(m.lastIndexOf('|') + 1)));
    return { conflicts, endCursor: members.length > first ? page.at(-1) : undefined, hasNextPage: members.length > first };
  }

  countConflicts(): Promise<number> {
    return this.redis.zcard(this.key('conflicts'));
  }

  /**
   * Unfiltered: one ZRANGEBYLEX, O(log n + page). Filtered: walks the smallest index the filter
   * names (kind, source, email domain; `customers` when it names none) from the cursor, checking
   * each candidate's record, so the cost is the candidates read before the page fills.
   */
  async listCustomers(first: number, after?: string, filter?: CustomerFilter): Promise<CustomerPage> {
    const indexKey = await this.narrowestIndex(filter);
    const matches: CustomerRecord[] = [];
    let cursor = after;
    // One extra match tells whether another page exists.
    while (matches.length <= first) {
      const min = cursor === undefined ? '-' : `(${cursor}`;
      const chunk = isEmptyFilter(filter) ? first + 1 : Math.max(SCAN_CHUNK, first + 1);
      const ids = await this.redis.zrangebylex(indexKey, min, '+', 'LIMIT', 0, chunk);
      if (ids.length === 0) break;
      const records = await this.getCustomers(ids);
      for (const record of records) {
        if (record && matchesFilter(record, filter)) matches.push(record);
        if (matches.length > first) break;
      }
      if (ids.length < chunk) break;
      cursor = ids.at(-1);
    }
    const customers = matches.slice(0, first);
    return { customers, endCursor: matches.length > first ? customers.at(-1)?.id : undefined, hasNextPage: matches.length > first };
  }

  /**
   * Unfiltered, or filtered by one indexed condition alone: ZCARD, O(1). Anything else counts the
   * matching candidates of the narrowest index: O(size of that index).
   */
  async countCustomers(filter?: CustomerFilter): Promise<number> {
    const indexKey = await this.narrowestIndex(filter);
    const indexed = this.filterIndexes(filter);
    const onlyIndexed = filter?.createdAfter === undefined && filter?.createdBefore === undefined && indexed.length <= 1;
    if (isEmptyFilter(filter) || onlyIndexed) return this.redis.zcard(indexKey);
    let count = 0;
    let cursor: string | undefined;
    for (;;) {
      const ids = await this.redis.zrangebylex(indexKey, cursor === undefined ? '-' : `(${cursor}`, '+', 'LIMIT', 0, SCAN_CHUNK);
      if (ids.length === 0) break;
      for (const record of await this.getCustomers(ids)) if (record && matchesFilter(record, filter)) count++;
      if (ids.length < SCAN_CHUNK) break;
      cursor = ids.at(-1);
    }
    return count;
  }

  async eraseCustomer(id: string): Promise<void> {
    const [record] = await this.getCustomers([id]);
    if (!record) return;
    const c = this.customerKey(id);
    const [aliases, conflictIds] = await Promise.all([this.getAliases(id), this.redis.smembers(`${c}:conflicts`)]);
    const conflicts = await this.readConflicts(conflictIds);
    const keys = [c, `${c}:ids`, `${c}:src`, `${c}:merges`, `${c}:aliases`, `${c}:conflicts`, this.key('customers'), this.key('merges:pending'), this.key('conflicts')];
    const plan = {
      id,
      // Identifiers are freed only while this customer still owns them: a racing claim stays.
      owned: record.identities.map((identity) => this.indexKey(identity)),
      unindex: this.filterIndexKeys(record.identities, record.sources),
      aliases: aliases.map((alias) => ({ id: alias, key: this.key(`alias:${alias}`) })),
      conflicts: conflicts.map((conflict) => ({
        key: this.key(`conflict:${conflict.id}`),
        id: conflict.id,
        member: conflictMember(conflict),
        sets: conflict.customerIds.map((other) => `${this.customerKey(other)}:conflicts`),
      })),
    };
    await this.redis.eval(ERASE_SCRIPT, keys.length, ...keys, JSON.stringify(plan));
  }

  async listPendingDataMerges(): Promise<PendingDataMerge[]> {
    const pending = await this.redis.hgetall(this.key('merges:pending'));
    return Object.entries(pending).map(([absorbedId, survivorId]) => ({ absorbedId, survivorId }));
  }

  async completeDataMerge(absorbedId: string): Promise<void> {
    await this.redis.hdel(this.key('merges:pending'), absorbedId);
  }

  private async readConflicts(ids: readonly string[]): Promise<IdentityConflict[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.key(`conflict:${id}`)));
    return values.filter((v): v is string => v !== null).map((json) => JSON.parse(json) as IdentityConflict);
  }

  /** The index keys a customer with these identifiers and sources belongs to. */
  private filterIndexKeys(identities: readonly Identity[], sources: readonly Source[]): string[] {
    const keys = new Set<string>();
    for (const identity of identities) {
      keys.add(this.key(`by:kind:${identity.kind}`));
      const domain = emailDomainOf(identity);
      if (domain !== undefined) keys.add(this.key(`by:domain:${domain}`));
    }
    for (const source of sources) keys.add(this.key(`by:source:${source}`));
    return [...keys];
  }

  private filterIndexes(filter: CustomerFilter | undefined): string[] {
    if (!filter) return [];
    const keys = (filter.hasIdentityKinds ?? []).map((kind) => this.key(`by:kind:${kind}`));
    if (filter.source !== undefined) keys.push(this.key(`by:source:${filter.source}`));
    if (filter.emailDomain !== undefined) keys.push(this.key(`by:domain:${filter.emailDomain}`));
    return [...new Set(keys)];
  }

  private async narrowestIndex(filter: CustomerFilter | undefined): Promise<string> {
    const indexes = this.filterIndexes(filter);
    if (indexes.length === 0) return this.key('customers');
    if (indexes.length === 1) return indexes[0]!;
    const pipeline = this.redis.pipeline();
    for (const key of indexes) pipeline.zcard(key);
    const sizes = ((await pipeline.exec()) ?? []).map(([, size]) => Number(size));
    return indexes[sizes.indexOf(Math.min(...sizes))]!;
  }

  private indexKey(identity: Identity): string {
    return this.key(`idx:${identityKey(identity)}`);
  }

  private customerKey(id: string): string {
    return this.key(`cust:${id}`);
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}

/** The conflicts zset member: sorts by time, then id; also the paging cursor. */
const conflictMember = (conflict: IdentityConflict): string => `${conflict.at}|${conflict.id}`;
