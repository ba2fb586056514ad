/**
 * The consent ledger: every consent statement the hub has seen, per customer, append-only.
 * Ingest appends vendor statements through ConsentSink; `updateConsent` appends the hub's own
 * (source `hub`). Records are deduplicated by id and never changed; the current state is derived
 * on read (derive-consent.ts). Two adapters (memory, Redis) pass one contract suite.
 */
import type { ConsentRecord, ConsentTopic } from '../../connectors/unified/consent.js';
import type { ConsentSink, CustomerScopedData } from '../customer-data.js';

export interface ConsentLedger extends ConsentSink, CustomerScopedData {
  /** Every record held for the customer (one topic, or all), oldest first by occurredAt. */
  history(customerId: string, topic?: ConsentTopic): Promise<ConsentRecord[]>;
}

/** Oldest first by the time of the choice; ties by id so the order is stable across adapters. */
export const byOccurredAt = (a: ConsentRecord, b: ConsentRecord) =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
