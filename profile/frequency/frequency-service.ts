/**
 * Frequency and contactability for the customer subgraph: the counts per channel and window, the
 * state of every cap, the contact decision, and reserve/confirm/release. Everything it reads is
 * the hub's own store (touch log, consent state, time-zone trait): no vendor call, so a
 * reservation costs a few Redis round trips, issued in parallel.
 */
import { randomBytes } from 'node:crypto';
import type { FrequencySettings } from '../../config/frequency-settings.js';
import type { Channel } from '../../connectors/unified/event.js';
import type { CustomerRecord } from '../store/identity-store.js';
import type { ConsentStateReader } from './consent-state.js';
import { capReasons, consentReasons, decision, quietHoursReasons, unknownCustomer, type ContactDecision } from './contact-decision.js';
import { capHits, capState, policiesFor, type CapState } from './evaluate-caps.js';
import { customerTimeZone } from './time-zone.js';
import type { TimeZoneTraits } from './time-zone-traits.js';
import type { TouchLog } from './touch-log.js';
import { RESERVABLE_CHANNELS, reservationIdFor, type Reservation, type TouchKind } from './touch.js';

export interface FrequencyDependencies {
  touches: TouchLog;
  consent: ConsentStateReader;
  timeZones: TimeZoneTraits;
  settings: FrequencySettings;
  /** The same clock the touch log uses. */
  now?: () => number;
}

export interface ChannelCount {
  channel: Channel;
  sent: number;
  reserved: number;
  estimated: number;
  total: number;
}

export interface FrequencyView {
  windowMs: number;
  since: number;
  until: number;
  total: number;
  channels: ChannelCount[];
  policies: CapState[];
}

export type ReserveTouchResult =
  | { granted: true; replayed: false; reservation: Reservation; decision: ContactDecision }
  /** The idempotency key was used before: the original reservation, whatever became of it. */
  | { granted: boolean; replayed: true; reservation: Reservation; decision: undefined }
  | { granted: false; replayed: false; reservation: undefined; decision: ContactDecision };

/** The idempotency key was used for a reservation with other arguments. */
export class IdempotencyKeyReuseError extends Error {
  constructor(readonly original: Reservation) {
    super('This idempotency key was already used for a reservation on another channel or campaign.');
  }
}

const KIND_FIELD: Record<TouchKind, 'sent' | 'reserved' | 'estimated'> = { SENT: 'sent', RESERVED: 'reserved', ESTIMATED: 'estimated' };

export class FrequencyService {
  private readonly now: () => number;

  constructor(private readonly deps: FrequencyDependencies) {
    this.now = deps.now ?? Date.now;
  }

  get settings(): FrequencySettings {
    return this.deps.settings;
  }

  async frequency(customerId: string, windowMs: number): Promise<FrequencyView> {
    const touches = await this.deps.touches.touches(customerId);
    const now = this.now();
    const since = now - windowMs;
    const channels = RESERVABLE_CHANNELS.map((channel): ChannelCount => ({ channel, sent: 0, reserved: 0, estimated: 0, total: 0 }));
    const byChannel = new Map(channels.map((c) => [c.channel, c]));
    for (const t of touches) {
      if (t.at <= since) continue;
      const count = byChannel.get(t.channel);
      if (!count) continue;
      count[KIND_FIELD[t.kind]]++;
      count.total++;
    }
    return {
      windowMs,
      since,
      until: now,
      total: channels.reduce((n, c) => n + c.total, 0),
      channels,
      policies: this.deps.settings.policies.map((p) => capState(touches, p, now)),
    };
  }

  /** The decision for an id no customer has. */
  unknownCustomer(channel: Channel): ContactDecision {
    return unknownCustomer(channel, this.now());
  }

  async contactability(customer: Pick<CustomerRecord, 'id' | 'identities'>, channel: Channel): Promise<ContactDecision> {
    const [consent, timeZone, touches] = await Promise.all([
      this.deps.consent.currentConsent(customer.id),
      customerTimeZone(customer, this.deps.timeZones, this.deps.settings.defaultTimeZone),
      this.deps.touches.touches(customer.id),
    ]);
    const now = this.now();
    return decision(channel, now, timeZone, [
      ...consentReasons(channel, consent),
      ...capReasons(capHits(touches, policiesFor(this.deps.settings.policies, channel), now)),
      ...quietHoursReasons(now, channel, timeZone, this.deps.settings.quietHours),
    ]);
  }

  /**
   * Consent and quiet hours are checked here; the caps are checked and the slot taken in one
   * atomic store call. A repeated idempotency key returns the original reservation untouched.
   */
  async reserveTouch(customer: Pick<CustomerRecord, 'id' | 'identities'>, input: { channel: Channel; campaignId: string; idempotencyKey: string }): Promise<ReserveTouchResult> {
    const [existing, consent, timeZone] = await Promise.all([
      this.deps.touches.findByIdempotencyKey(customer.id, input.idempotencyKey),
      this.deps.consent.currentConsent(customer.id),
      customerTimeZone(customer, this.deps.timeZones, this.deps.settings.defaultTimeZone),
    ]);
    if (existing) return this.replay(existing, input);
    const now = this.now();
    const consentBlocks = consentReasons(input.channel, consent);
    const quietBlocks = quietHoursReasons(now, input.channel, timeZone, this.deps.settings.quietHours);
    const policies = policiesFor(this.deps.settings.policies, input.channel);
    if (consentBlocks.length > 0 || quietBlocks.length > 0) {
      // Say every reason, in contactability's order: the caps too, read without reserving.
      const touches = await this.deps.touches.touches(customer.id);
      const reasons = [...consentBlocks, ...capReasons(capHits(touches, policies, now)), ...quietBlocks];
      return { granted: false, replayed: false, reservation: undefined, decision: decision(input.channel, now, timeZone, reasons) };
    }
    const outcome = await this.deps.touches.reserve({
      customerId: customer.id,
      channel: input.channel,
      campaignId: input.campaignId,
      idempotencyKey: input.idempotencyKey,
      reservationId: reservationIdFor(customer.id, randomBytes(12).toString('hex')),
      ttlMs: this.deps.settings.reservationTtlMs,
      policies,
    });
    if (outcome.outcome === 'REPLAYED') return this.replay(outcome.reservation, input);
    if (outcome.outcome === 'CAPPED') {
      return { granted: false, replayed: false, reservation: undefined, decision: decision(input.channel, now, timeZone, capReasons(outcome.hits)) };
    }
    return { granted: true, replayed: false, reservation: outcome.reservation, decision: decision(input.channel, now, timeZone, []) };
  }

  confirmTouch(reservationId: string): Promise<Reservation | undefined> {
    return this.deps.touches.confirm(reservationId);
  }

  releaseTouch(reservationId: string): Promise<Reservation | undefined> {
    return this.deps.touches.release(reservationId);
  }

  private replay(original: Reservation, input: { channel: Channel; campaignId: string }): ReserveTouchResult {
    if (original.channel !== input.channel || original.campaignId !== input.campaignId) throw new IdempotencyKeyReuseError(original);
    return { granted: original.status === 'PENDING' || original.status === 'CONFIRMED', replayed: true, reservation: original, decision: undefined };
  }
}
