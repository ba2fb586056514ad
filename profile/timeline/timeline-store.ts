/**
 * The unified timeline: every event of one customer, newest first by default, read a page at a
 * time. Ingest appends through TimelineSink; identity merges and erasure reach it through
 * CustomerScopedData (profile/customer-data.ts). Memory and Redis adapters share one contract
 * (timeline-store.contract.ts).
 */
import type { Channel, EventType, UnifiedEvent } from '../../connectors/unified/event.js';
import type { CustomerScopedData, TimelineSink } from '../customer-data.js';

/**
 * What the timeline keeps of an event: everything but the identifiers that found the customer.
 * Those are PII the identity store already owns; the timeline never needs them again.
 */
export type TimelineEvent = Omit<UnifiedEvent, 'identities'>;

export type TimelineOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** Which events a page or a count covers. Empty or absent lists mean "all". */
export interface TimelineFilter {
  channels?: readonly Channel[] | null;
  types?: readonly EventType[] | null;
  /** Inclusive lower bound on occurredAt (ISO 8601 with offset). */
  since?: string | null;
  /** Exclusive upper bound on occurredAt (ISO 8601 with offset): [since, until) never double-counts. */
  until?: string | null;
}

export interface TimelinePageQuery extends TimelineFilter {
  /** How many events, at least 0. */
  first: number;
  /** A cursor from an earlier page (any filter): the page starts just past that event's position. */
  after?: string | null;
  /** @default 'NEWEST_FIRST' */
  order?: TimelineOrder | null;
}

export interface TimelineEdge {
  /** Opaque; encodes the event's (occurredAt, id) position, so it survives newer and older arrivals. */
  cursor: string;
  node: TimelineEvent;
}

export interface TimelinePage {
  edges: TimelineEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface TimelineStore extends TimelineSink, CustomerScopedData {
  /** One page in time order; ties on occurredAt break on event id. Throws TimelineQueryError on bad input. */
  page(customerId: string, query: TimelinePageQuery): Promise<TimelinePage>;
  /** How many stored events match the filter (all of the customer's when absent). */
  count(customerId: string, filter?: TimelineFilter): Promise<number>;
}

/** @default 10_000 (TIMELINE_MAX_EVENTS_PER_CUSTOMER) */
export const DEFAULT_MAX_EVENTS_PER_CUSTOMER = 10_000;

export interface TimelineStoreOptions {
  /**
   * Retention bound: the newest this many events per customer are kept; an older arrival into a
   * full timeline is dropped rather than evicting something newer.
   * @default DEFAULT_MAX_EVENTS_PER_CUSTOMER
   */
  maxEventsPerCustomer?: number;
}
