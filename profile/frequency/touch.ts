/**
 * The frequency module's records: touches (what counts toward a cap) and reservations (a slot
 * held for a send that has not happened yet). Both adapters and the GraphQL layer speak these.
 */
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../connectors/unified/event.js';

/** Channels the hub reserves slots on: outbound marketing. COMMERCE, SALES and WEB are not sends. */
export const RESERVABLE_CHANNELS: readonly Channel[] = ['EMAIL', 'SMS', 'PUSH', 'PAID_SOCIAL', 'PAID_SEARCH'];
export const isReservable = (channel: string): channel is Channel => (RESERVABLE_CHANNELS as readonly string[]).includes(channel);

/**
 * How a counted touch came to be:
 * - SENT: a send the hub saw (a vendor's EMAIL_SENT/SMS_SENT/PUSH_SENT event, or a confirmed reservation);
 * - RESERVED: a reservation not confirmed yet (it counts until it expires);
 * - ESTIMATED: an estimated ad exposure (audience membership × campaign average frequency).
 */
export type TouchKind = 'SENT' | 'RESERVED' | 'ESTIMATED';

export interface CountedTouch {
  channel: Channel;
  /** Epoch milliseconds. */
  at: number;
  kind: TouchKind;
}

export const RESERVATION_STATUSES = ['PENDING', 'CONFIRMED', 'RELEASED', 'EXPIRED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const ReservationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.enum(CHANNELS),
  campaignId: z.string(),
  idempotencyKey: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  /** Epoch milliseconds, as every time in this module. */
  reservedAt: z.number(),
  expiresAt: z.number(),
  confirmedAt: z.number().optional(),
  /** The vendor event that proved the send (EMAIL_SENT, ...), when one matched. */
  eventId: z.string().optional(),
});
export type Reservation = z.infer<typeof ReservationSchema>;

/**
 * Reservation ids carry their customer (base64url), so confirm and release find the customer's
 * keys without a global index: `rsv_<base64url(customerId)>.<random>`.
 */
export const reservationIdFor = (customerId: string, random: string): string =>
  `rsv_${Buffer.from(customerId, 'utf8').toString('base64url')}.${random}`;

export function customerOfReservation(reservationId: string): string | undefined {
  const m = /^rsv_([A-Za-z0-9_-]+)\.[A-Za-z0-9]+$/.exec(reservationId);
  if (!m) return undefined;
  const customerId = Buffer.from(m[1]!, 'base64url').toString('utf8');
  return customerId.length > 0 ? customerId : undefined;
}

/** The pending reservation a request makes at `now` (both adapters build it the same way). */
export function pendingReservation(request: ReserveRequest, now: number): Reservation {
  return {
    id: request.reservationId,
    customerId: request.customerId,
    channel: request.channel,
    campaignId: request.campaignId,
    idempotencyKey: request.idempotencyKey,
    status: 'PENDING',
    reservedAt: now,
    expiresAt: now + request.ttlMs,
  };
}

/** A cap as the store evaluates it (config/frequency-settings.ts `FrequencyPolicy`, channels typed). */
export interface CapPolicy {
  name: string;
  channels: readonly Channel[];
  limit: number;
  windowMs: number;
}

export interface ReserveRequest {
  customerId: string;
  channel: Channel;
  campaignId: string;
  idempotencyKey: string;
  /** Drawn by the caller (reservationIdFor). */
  reservationId: string;
  ttlMs: number;
  /** The caps that count this channel. */
  policies: readonly CapPolicy[];
}

export interface CapHit {
  policy: string;
  limit: number;
  used: number;
  /** When a slot frees up (the touch that must leave the window does); undefined: never (limit 0). */
  resetsAt: number | undefined;
}

export type ReserveOutcome =
  | { outcome: 'RESERVED'; reservation: Reservation }
  /** The idempotency key was used before: the original reservation, whatever became of it. */
  | { outcome: 'REPLAYED'; reservation: Reservation }
  | { outcome: 'CAPPED'; hits: CapHit[] };

/**
 * An estimated ad exposure to record: `impressions` touches spread evenly over the estimate's
 * window. Feeding the same `sourceId` again replaces the earlier estimate.
 */
export interface ExposureInput {
  /** Stable per platform, person and window (`google-ads:2026-11-01..2026-11-07`). */
  sourceId: string;
  channel: Extract<Channel, 'PAID_SOCIAL' | 'PAID_SEARCH'>;
  since: number;
  until: number;
  impressions: number;
}
