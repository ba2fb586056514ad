/**
 * Where the hub keeps how far each consent change and each erasure has reached every vendor:
 * one Propagation per change, one VendorPropagation per vendor that must hear of it. The outbox
 * worker writes it; GraphQL reads it (`Customer.consentPropagation`, `Query.propagation`).
 *
 * What it holds about a person: the hub customer id only. The identifiers an erasure needs to
 * find the person at each vendor (the "subject") are kept beside it just until every vendor has
 * confirmed (or does not hold the person), then dropped, so a finished erasure leaves a receipt (id, vendors, outcomes) and no
 * personal data. A customer's consent propagations are erased with the customer; erasure
 * receipts are not, since they are the proof that the erasure happened.
 */
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import type { VendorName, WriteBackSubject } from '../../connectors/unified/contracts.js';
import type { CustomerScopedData } from '../customer-data.js';

/** `pending`: not confirmed yet (retrying); `applied`: the vendor confirmed; `not_held`: the vendor does not hold this person or channel; `failed`: given up (a dead letter). */
export type VendorPropagationState = 'pending' | 'applied' | 'not_held' | 'failed';

export const FINAL_STATES: ReadonlySet<VendorPropagationState> = new Set(['applied', 'not_held', 'failed']);

export interface VendorPropagation {
  vendor: VendorName;
  state: VendorPropagationState;
  /** Tries made so far. */
  attempts: number;
  /** The last failed try's reason (vendor error code and message; never personal data). */
  lastError?: string | undefined;
  /** The vendor's confirmation or why it does not hold the person. */
  detail?: string | undefined;
  updatedAt: string;
}

export interface PropagationRequest {
  id: string;
  kind: 'consent' | 'erasure';
  customerId: string;
  /** The change written back (consent only). */
  topic?: ConsentTopic | undefined;
  status?: ConsentStatus | undefined;
  /** The ledger record the change appended (consent only). */
  recordId?: string | undefined;
  requestedAt: string;
}

export interface Propagation extends PropagationRequest {
  /** False until the outbox worker has decided which vendors must hear of it. */
  dispatched: boolean;
  vendors: VendorPropagation[];
}

export interface PropagationStore extends CustomerScopedData {
  /** Records a new change (no vendors yet); keeps `subject` until every vendor confirmed (erasure). Idempotent per id. */
  begin(request: PropagationRequest, subject?: WriteBackSubject): Promise<void>;
  /** Names the vendors that must hear of it, each `pending`; vendors already named keep their state. Marks it dispatched. */
  dispatch(id: string, vendors: readonly VendorName[], at: string): Promise<void>;
  /** One vendor's progress. A final state is never turned back to `pending` (a late duplicate try). */
  update(id: string, progress: VendorPropagation): Promise<void>;
  get(id: string): Promise<Propagation | undefined>;
  /** The customer's consent propagations, newest first. */
  ofCustomer(customerId: string, limit: number): Promise<Propagation[]>;
  subjectOf(id: string): Promise<WriteBackSubject | undefined>;
  dropSubject(id: string): Promise<void>;
}

/** Vendors are listed in this order, whatever order they were named or stored in. */
const VENDOR_ORDER: readonly VendorName[] = ['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads'];
export const byVendorOrder = (a: VendorPropagation, b: VendorPropagation) => VENDOR_ORDER.indexOf(a.vendor) - VENDOR_ORDER.indexOf(b.vendor);

/** Whether every vendor has finished (nothing left to retry). */
export const isSettled = (p: Propagation) => p.dispatched && p.vendors.every((v) => FINAL_STATES.has(v.state));
