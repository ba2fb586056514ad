/**
 * Persistence of the identity graph: which identifiers belong to which hub customer.
 * Two adapters (memory, Redis) implement it and pass one contract suite. The rules of identity
 * resolution live above this interface, in `profile/identity/`; the store only guarantees that
 * an identifier is claimed by at most one customer, atomically.
 */
import type { Identity } from '../../connectors/unified/identity.js';

export interface CustomerRecord {
  id: string;
  identities: Identity[];
  createdAt: string;
  updatedAt: string;
}

export type ClaimResult =
  | { ok: true }
  /** The identifiers that already belong to another customer; nothing was written. */
  | { ok: false; conflicts: { identity: Identity; customerId: string }[] };

export interface CustomerPage {
  customers: CustomerRecord[];
  /** Pass as `after` to read the next page; undefined on the last page. */
  endCursor: string | undefined;
}

export interface IdentityStore {
  /** Creates a customer owning `identities`, or writes nothing if any identifier is taken. */
  createCustomer(id: string, identities: Identity[], at: string): Promise<ClaimResult>;
  /** Adds identifiers to an existing customer, or writes nothing if any is owned by another. */
  attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult>;
  findCustomerId(identity: Identity): Promise<string | undefined>;
  findCustomerIds(identities: readonly Identity[]): Promise<(string | undefined)[]>;
  getCustomer(id: string): Promise<CustomerRecord | undefined>;
  getCustomers(ids: readonly string[]): Promise<(CustomerRecord | undefined)[]>;
  /** Customers in id order, `first` at a time. */
  listCustomers(first: number, after?: string): Promise<CustomerPage>;
  countCustomers(): Promise<number>;
  /**
   * Deletes the customer and frees every identifier it owned (erasure: nothing of the person
   * stays). Idempotent: erasing an unknown id does nothing.
   */
  eraseCustomer(id: string): Promise<void>;
}
