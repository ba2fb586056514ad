/**
 * The seams between the profile's parts: ingest writes through them, identity merges and
 * erasure reach every store through them. They were fixed first so that the timeline, the
 * consent ledger and the frequency counters could be built side by side and wired in one place
 * (profile/store/create-stores.ts, ingest/apply-batch.ts).
 */
import type { ConsentRecord } from '../connectors/unified/consent.js';
import type { UnifiedEvent } from '../connectors/unified/event.js';

/**
 * Every store that keeps data per hub customer implements this, so that an identity merge keeps
 * the absorbed customer's history and an erasure leaves nothing behind.
 */
export interface CustomerScopedData {
  /** Moves everything held for `absorbedId` to `survivorId`. Idempotent. */
  mergeInto(survivorId: string, absorbedId: string): Promise<void>;
  /** Deletes everything held for the customer. Idempotent. */
  erase(customerId: string): Promise<void>;
}

/** Where ingest appends consent statements (the consent ledger). */
export interface ConsentSink {
  /** Appends the records not yet in the ledger (dedupe by record id); returns how many were new. */
  appendConsents(customerId: string, records: readonly ConsentRecord[]): Promise<number>;
}

/** Where ingest appends timeline events (the timeline store). */
export interface TimelineSink {
  /** Stores the events not yet stored (dedupe by event id); returns how many were new. */
  appendEvents(customerId: string, events: readonly UnifiedEvent[]): Promise<number>;
}

/**
 * Where ingest reports outbound touches that happened outside the hub's reservations (an email
 * a vendor sent), so frequency counts them. Only OUTBOUND_TOUCH_TYPES events are passed;
 * idempotent by event id.
 */
export interface TouchSink {
  recordTouches(customerId: string, events: readonly UnifiedEvent[]): Promise<void>;
}
