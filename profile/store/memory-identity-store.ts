import { identityKey, sortIdentities, type Identity } from '../../connectors/unified/identity.js';
import type { ClaimResult, CustomerPage, CustomerRecord, IdentityStore } from './identity-store.js';

interface StoredCustomer {
  id: string;
  identities: Map<string, Identity>;
  createdAt: string;
  updatedAt: string;
}

/** The embedded-mode identity store. Single-threaded JS makes each method atomic. */
export class MemoryIdentityStore implements IdentityStore {
  private readonly owners = new Map<string, string>();
  private readonly customers = new Map<string, StoredCustomer>();
  private sortedIds: string[] | undefined;

  async createCustomer(id: string, identities: Identity[], at: string): Promise<ClaimResult> {
    if (this.customers.has(id)) {
      return { ok: false, conflicts: identities.map((identity) => ({ identity, customerId: id })) };
    }
    const conflicts = this.conflicts(id, identities);
    if (conflicts.length > 0) return { ok: false, conflicts };
    this.customers.set(id, { id, identities: new Map(), createdAt: at, updatedAt: at });
    this.sortedIds = undefined;
    this.claim(id, identities, at);
    return { ok: true };
  }

  async attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult> {
    if (!this.customers.has(customerId)) throw new Error(`Unknown customer ${customerId}`);
    const conflicts = this.conflicts(customerId, identities);
    if (conflicts.length > 0) return { ok: false, conflicts };
    this.claim(customerId, identities, at);
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

  async listCustomers(first: number, after?: string): Promise<CustomerPage> {
    this.sortedIds ??= [...this.customers.keys()].sort();
    const ids = this.sortedIds;
    let start = 0;
    if (after !== undefined) {
      // Binary search for the first id greater than the cursor: stable while customers are added.
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const slice = ids.slice(start, start + first);
    const customers = slice.map((id) => toRecord(this.customers.get(id)!));
    const hasMore = start + first < ids.length;
    return { customers, endCursor: hasMore ? slice[slice.length - 1] : undefined };
  }

  async countCustomers(): Promise<number> {
    return this.customers.size;
  }

  async eraseCustomer(id: string): Promise<void> {
    const customer = this.customers.get(id);
    if (!customer) return;
    for (const key of customer.identities.keys()) if (this.owners.get(key) === id) this.owners.delete(key);
    this.customers.delete(id);
    this.sortedIds = undefined;
  }

  private conflicts(customerId: string, identities: Identity[]) {
    return identities.flatMap((identity) => {
      const owner = this.owners.get(identityKey(identity));
      return owner !== undefined && owner !== customerId ? [{ identity, customerId: owner }] : [];
    });
  }

  private claim(customerId: string, identities: Identity[], at: string): void {
    const customer = this.customers.get(customerId)!;
    for (const identity of identities) {
      const key = identityKey(identity);
      this.owners.set(key, customerId);
      customer.identities.set(key, identity);
    }
    customer.updatedAt = at;
  }
}

function toRecord(stored: StoredCustomer): CustomerRecord {
  return {
    id: stored.id,
    identities: sortIdentities(stored.identities.values()),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
