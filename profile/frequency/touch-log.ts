/**
 * The per-customer touch log behind frequency caps: touches per channel scored by time (Redis
 * sorted sets; the memory adapter keeps the same shape), trimmed to the retention, plus the
 * reservations that hold a slot until a send confirms them or they expire.
 *
 * Two adapters (memory, Redis) implement it and pass one contract suite (touch-log.contract.ts).
 * Every method first expires the customer's stale reservations, so a reservation never counts
 * past its TTL whichever call comes next. Time comes from the injected clock, never from
 * arguments, so tests move time instead of sleeping.
 */
import type { CustomerScopedData, TouchSink } from '../customer-data.js';
import type { CountedTouch, ExposureInput, Reservation, ReserveOutcome, ReserveRequest } from './touch.js';

/** Without configuration: 30 days (the longest default cap is 7 days; `frequency(LAST_30_DAYS)` needs 30). */
export const DEFAULT_TOUCH_RETENTION_MS = 30 * 86_400_000;

export interface TouchLogOptions {
  /** Touches and reservation records older than this are dropped. */
  retentionMs: number;
  /** Epoch milliseconds; defaults to Date.now. */
  now?: () => number;
}

/**
 * A vendor's send event confirms a reservation on the same channel and campaign made up to this
 * long after the event's time (the vendor's clock may run behind the hub's).
 */
export const SEND_MATCH_SKEW_MS = 5 * 60_000;

export interface TouchLog extends TouchSink, CustomerScopedData {
  /**
   * Atomically: returns the reservation already made under this idempotency key, or checks every
   * cap in `request.policies` and, when none is reached, adds the reservation as a counted touch.
   */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  findByIdempotencyKey(customerId: string, idempotencyKey: string): Promise<Reservation | undefined>;
  getReservation(reservationId: string): Promise<Reservation | undefined>;
  /**
   * Marks a reservation as sent. A pending one stops expiring; an expired one counts again (the
   * message went out, so the count must say so); a confirmed one is returned as it is; a released
   * one is returned unchanged (the caller reports the conflict).
   */
  confirm(reservationId: string): Promise<Reservation | undefined>;
  /** Frees a pending reservation's slot. Any other status is returned unchanged. */
  release(reservationId: string): Promise<Reservation | undefined>;
  /** Every touch still counted (within the retention), oldest first. */
  touches(customerId: string): Promise<CountedTouch[]>;
  /** Records (or replaces) an estimated ad exposure as touches spread over its window. */
  recordExposure(customerId: string, exposure: ExposureInput): Promise<void>;
}
