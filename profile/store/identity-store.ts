/**
 * Persistence of the identity graph: which identifiers belong to which hub customer, which
 * customers were merged into which, and which merges were refused.
 * Two adapters (memory, Redis) implement it and pass one contract suite. The rules of identity
 * resolution live above this interface, in `profile/identity/`; the store guarantees that an
 * identifier is claimed by at most one customer and that a resolution is written whole or not
 * at all, and only if nothing it read has changed since (optimistic concurrency).
 */
import type { Identity, IdentityKind, Source } from '../../connectors/unified/identity.js';

export interface CustomerRecord {
  id: string;
  identities: Identity[];
  /** The vendors (or the hub) whose records resolved to this customer. */
  sources: Source[];
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write to the customer; a resolution commits only if it is unchanged. */
  version: number;
}

/** Why two customers became one, kept on the survivor (and its later survivors) for good. */
export interface MergeRecord {
  at: string;
  survivorId: string;
  absorbedId: string;
  /** The record whose observation linked them. */
  source: Source;
  sourceRecordId: string;
  /** The identifiers of that observation owned by the absorbed customer. */
  linkedBy: Identity[];
  /** One line, no raw PII. */
  reason: string;
}

export const CONFLICT_REASONS = ['KIND_LIMIT'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** A merge the guards refused: the observation said "one person", the limits said no. */
export interface IdentityConflict {
  /** Derived from what conflicted, so a replayed observation records nothing new. */
  id: string;
  at: string;
  reason: ConflictReason;
  /** The single-valued kind that would have held two values. */
  kind: IdentityKind;
  /** The customers kept apart: the one the observation resolved to first, then the refused one. */
  customerIds: string[];
  /** The identifiers that linked them (left with their owner). */
  linkedBy: Identity[];
  source: Source;
  sourceRecordId: string;
  /** One line, no raw PII. */
  message: string;
}

export type ClaimResult =
  | { ok: true }
  /** The identifiers that already belong to another customer; nothing was written. */
  | { ok: false; conflicts: { identity: Identity; customerId: string }[] };

/** Everything one resolved observation changes, applied atomically. */
export interface ResolutionWrite {
  at: string;
  /** Added to the target's sources. */
  source?: Source | undefined;
  /** Every customer the plan read, at the version read: any change since aborts the write. */
  expected: { customerId: string; version: number }[];
  /** Identifiers the plan saw unowned: a claim since aborts the write. */
  expectedFree: Identity[];
  /** The customer the observation resolves to. */
  target: string;
  /** Create `target` (it must not exist, nor be an alias). */
  create: boolean;
  /** Identifiers (seen free) to give to `target`. */
  attach: Identity[];
  /** Customers to merge into `target`, as read at their expected version. */
  absorb: { record: CustomerRecord; merge: MergeRecord }[];
  /** Refused merges to record (idempotent by conflict id). */
  conflicts: IdentityConflict[];
}

export type CommitResult = { ok: true } | { ok: false; reason: 'STALE' | 'EXISTS' };

export interface CustomerFilter {
  /** Customers holding at least one identifier of every listed kind. */
  hasIdentityKinds?: readonly IdentityKind[] | undefined;
  source?: Source | undefined;
  /** Inclusive lower bound, ISO-8601. */
  createdAfter?: string | undefined;
  /** Exclusive upper bound, ISO-8601. */
  createdBefore?: string | undefined;
  /** Lower-cased domain of any of the customer's emails. */
  emailDomain?: string | undefined;
}

export interface CustomerPage {
  customers: CustomerRecord[];
  /** Pass as `after` to read the next page; undefined on the last page (or an empty one). */
  endCursor: string | undefined;
  /** More customers follow this page (true for `first: 0` when any exist). */
  hasNextPage: boolean;
}

export interface ConflictPage {
  conflicts: IdentityConflict[];
  endCursor: string | undefined;
  hasNextPage: boolean;
}

/** A merge whose per-customer data (timeline, consent, ...) has not been confirmed moved yet. */
export interface PendingDataMerge {
  survivorId: string;
  absorbedId: string;
}

export interface IdentityStore {
  /** Creates a customer owning `identities`, or writes nothing if any identifier is taken. */
  createCustomer(id: string, identities: Identity[], at: string, source?: Source): Promise<ClaimResult>;
  /** Adds identifiers to an existing customer, or writes nothing if any is owned by another. */
  attachIdentities(customerId: string, identities: Identity[], at: string): Promise<ClaimResult>;
  /** Applies a resolution whole, or nothing when what it read has changed (`STALE`). */
  commitResolution(write: ResolutionWrite): Promise<CommitResult>;

  findCustomerId(identity: Identity): Promise<string | undefined>;
  findCustomerIds(identities: readonly Identity[]): Promise<(string | undefined)[]>;
  /** Exact: a live customer only (no alias following). */
  getCustomer(id: string): Promise<CustomerRecord | undefined>;
  getCustomers(ids: readonly string[]): Promise<(CustomerRecord | undefined)[]>;
  /** The live customer an id names: itself, or the survivor of the merges that absorbed it. */
  canonicalCustomerId(id: string): Promise<string | undefined>;
  /** Ids merged into the customer (directly or through earlier merges). */
  getAliases(customerId: string): Promise<string[]>;
  /** Merge history of the customer, oldest first, including that of customers it absorbed. */
  getMerges(customerId: string): Promise<MergeRecord[]>;
  /** Refused merges that involved the customer (or a customer it absorbed), newest first. */
  getConflicts(customerId: string): Promise<IdentityConflict[]>;
  /** Every refused merge, newest first. */
  listConflicts(first: number, after?: string): Promise<ConflictPage>;
  countConflicts(): Promise<number>;

  /** Customers in id order, `first` at a time, optionally filtered. */
  listCustomers(first: number, after?: string, filter?: CustomerFilter): Promise<CustomerPage>;
  countCustomers(filter?: CustomerFilter): Promise<number>;

  /**
   * Deletes the customer and everything the identity graph holds about them (erasure): its
   * identifiers are freed to be claimed again, the aliases that led to it, its merge history and
   * the refused-merge records that name it are gone. Idempotent: an unknown id does nothing.
   */
  eraseCustomer(id: string): Promise<void>;

  listPendingDataMerges(): Promise<PendingDataMerge[]>;
  completeDataMerge(absorbedId: string): Promise<void>;
}
