import { identityKey, sortIdentities, type Identity, type Source } from '../../connectors/unified/identity.js';
import { attachIdentitiesViaCommit, createCustomerViaCommit } from './claim-identities.js';
import { isEmptyFilter, matchesFilter } from './customer-filter.js';
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

interface StoredCustomer {
  id: string;
  identities: Map<string, Identity>;
  sources: Set<Source>;
  createdAt: string;
  updatedAt: string;
  version: number;
  merges: MergeRecord[];
  aliases: Set<string>;
  conflictIds: Set<string>;
}

/** Longest alias chain followed; merges are rare, so a real chain is a handful of links. */
const MAX_ALIAS_HOPS = 32;

/**
 * The embedded-mode identity store. Single-threaded JS makes each method atomic: a commit checks
 * and applies without awaiting in between, mirroring the Redis adapter's Lua script.
 */
export class MemoryIdentityStore implements IdentityStore {
  private readonly owners = new Map<string, string>();
  private readonly customers = new Map<string, StoredCustomer>();
  /** absorbed id → the survivor it was merged into (which may itself be absorbed later). */
  private readonly aliases = new Map<string, string>();
  private readonly conflicts = new Map<string, IdentityConflict>();
  private readonly pending = new Map<string, string>();
  private sortedIds: string[] | undefined;

  createCustomer(id: string, identities: Identity[], at: string, source: Source = 'hub'): Promise<ClaimResult> {
    return createCustomerViaCommit(this, id, identities, at, source);
  }

  attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult> {
    return attachIdentitiesViaCommit(this, customerId, identities, at);
  }

  async commitResolution(write: ResolutionWrite): Promise<CommitResult> {
    // Check everything first: nothing is written unless all of it can be.
    for (const { customerId, version } of write.expected) {
      if (this.customers.get(customerId)?.version !== version) return { ok: false, reason: 'STALE' };
    }
    if (write.expectedFree.some((identity) => this.owners.has(identityKey(identity)))) return { ok: false, reason: 'STALE' };
    if (write.create) {
      if (this.customers.has(write.target) || this.aliases.has(write.target)) return { ok: false, reason: 'EXISTS' };
    } else if (!this.customers.has(write.target)) {
      return { ok: false, reason: 'STALE' };
    }

    if (write.create) {
      this.customers.set(write.target, {
        id: write.target,
        identities: new Map(),
        sources: new Set(),
        createdAt: write.at,
        updatedAt: write.at,
        version: 0,
        merges: [],
        aliases: new Set(),
        conflictIds: new Set(),
      });
      this.sortedIds = undefined;
    }
    const target = this.customers.get(write.target)!;
    let changed = write.create;
    for (const { record, merge } of write.absorb) {
      const absorbed = this.customers.get(record.id)!;
      for (const [key, identity] of absorbed.identities) {
        this.owners.set(key, target.id);
        target.identities.set(key, identity);
      }
      for (const source of absorbed.sources) target.sources.add(source);
      target.merges.push(...absorbed.merges, merge);
      for (const alias of absorbed.aliases) target.aliases.add(alias);
      target.aliases.add(absorbed.id);
      for (const conflictId of absorbed.conflictIds) target.conflictIds.add(conflictId);
      if (absorbed.createdAt < target.createdAt) target.createdAt = absorbed.createdAt;
      this.aliases.set(absorbed.id, target.id);
      this.pending.set(absorbed.id, target.id);
      this.customers.delete(absorbed.id);
      this.sortedIds = undefined;
      changed = true;
    }
    for (const identity of write.attach) {
      const key = identityKey(identity);
      this.owners.set(key, target.id);
      target.identities.set(key, identity);
      changed = true;
    }
    if (write.source !== undefined && !target.sources.has(write.source)) {
      target.sources.add(write.source);
      changed = true;
    }
    if (changed) {
      target.version++;
      if (write.at > target.updatedAt) target.updatedAt = write.at;
    }
    for (const conflict of write.conflicts) {
      if (!this.conflicts.has(conflict.id)) this.conflicts.set(conflict.id, conflict);
      for (const customerId of conflict.customerIds) this.customers.get(customerId)?.conflictIds.add(conflict.id);
    }
    return { ok: true };
  }

  async findCustomerId(identity: Identity): Promise<string | undefined> {
    return this.owners.get(identityKey(identity));
  }

  async findCustomerIds(identities: readonly Identity[]): Promise<(string | undefined)[]> {
    return identities.map((identity) => this.owners.get(identityKey(identity)));
  }

  async getCustomer(id: string): Promise<CustomerRecord | undefined> {
    const stored = this.customers.get(id);
    return stored && toRecord(stored);
  }

  async getCustomers(ids: readonly string[]): Promise<(CustomerRecord | undefined)[]> {
    return Promise.all(ids.map((id) => this.getCustomer(id)));
  }

  async canonicalCustomerId(id: string): Promise<string | undefined> {
    let current = id;
    for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop++) {
      if (this.customers.has(current)) return current;
      const next = this.aliases.get(current);
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  }

  async getAliases(customerId: string): Promise<string[]> {
    return [...(this.customers.get(customerId)?.aliases ?? [])].sort();
  }

  async getMerges(customerId: string): Promise<MergeRecord[]> {
    return [...(this.customers.get(customerId)?.merges ?? [])];
  }

  async getConflicts(customerId: string): Promise<IdentityConflict[]> {
    const ids = this.customers.get(customerId)?.conflictIds ?? new Set<string>();
    return newestFirst([...ids].map((id) => this.conflicts.get(id)!));
  }

  async listConflicts(first: number, after?: string): Promise<ConflictPage> {
    const all = newestFirst([...this.conflicts.values()]);
    const start = after === undefined ? 0 : all.findIndex((c) => conflictCursor(c) < after);
    const from = start < 0 ? all.length : start;
    const page = all.slice(from, from + first);
    const hasMore = from + first < all.length;
    return { conflicts: page, endCursor: hasMore && page.length > 0 ? conflictCursor(page.at(-1)!) : undefined, hasNextPage: hasMore };
  }

  async countConflicts(): Promise<number> {
    return this.conflicts.size;
  }

  async listCustomers(first: number, after?: string, filter?: CustomerFilter): Promise<CustomerPage> {
    this.sortedIds ??= [...this.customers.keys()].sort();
    const ids = this.sortedIds;
    // Binary search for the first id greater than the cursor: stable while customers are added.
    let start = 0;
    if (after !== undefined) {
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const customers: CustomerRecord[] = [];
    let i = start;
    for (; i < ids.length && customers.length < first; i++) {
      const record = toRecord(this.customers.get(ids[i]!)!);
      if (matchesFilter(record, filter)) customers.push(record);
    }
    let hasMore = false;
    for (; i < ids.length && !hasMore; i++) hasMore = matchesFilter(toRecord(this.customers.get(ids[i]!)!), filter);
    return { customers, endCursor: hasMore ? customers.at(-1)?.id : undefined, hasNextPage: hasMore };
  }

  async countCustomers(filter?: CustomerFilter): Promise<number> {
    if (isEmptyFilter(filter)) return this.customers.size;
    let count = 0;
    for (const stored of this.customers.values()) if (matchesFilter(toRecord(stored), filter)) count++;
    return count;
  }

  async eraseCustomer(id: string): Promise<void> {
    const customer = this.customers.get(id);
    if (!customer) return;
    for (const key of customer.identities.keys()) if (this.owners.get(key) === id) this.owners.delete(key);
    for (const alias of customer.aliases) {
      this.aliases.delete(alias);
      this.pending.delete(alias);
    }
    for (const conflictId of customer.conflictIds) {
      const conflict = this.conflicts.get(conflictId);
      this.conflicts.delete(conflictId);
      for (const other of conflict?.customerIds ?? []) this.customers.get(other)?.conflictIds.delete(conflictId);
    }
    this.customers.delete(id);
    this.sortedIds = undefined;
  }

  async listPendingDataMerges(): Promise<PendingDataMerge[]> {
    return [...this.pending].map(([absorbedId, survivorId]) => ({ absorbedId, survivorId }));
  }

  async completeDataMerge(absorbedId: string): Promise<void> {
    this.pending.delete(absorbedId);
  }
}

/** Conflicts page newest first; the cursor sorts like the order (time, then id). */
export const conflictCursor = (conflict: IdentityConflict): string => `${conflict.at}|${conflict.id}`;

function newestFirst(conflicts: IdentityConflict[]): IdentityConflict[] {
  return conflicts.sort((a, b) => (conflictCursor(a) < conflictCursor(b) ? 1 : -1));
}

function toRecord(stored: StoredCustomer): CustomerRecord {
  return {
    id: stored.id,
    identities: sortIdentities(stored.identities.values()),
    sources: [...stored.sources].sort(),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    version: stored.version,
  };
}
