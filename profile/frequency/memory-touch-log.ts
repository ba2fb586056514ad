/**
 * The embedded-mode touch log. It mirrors the Redis adapter step by step (same members, same
 * housekeeping, same matching rule); single-threaded JS makes each method atomic as long as no
 * `await` sits between a check and its write, which is why the bodies are synchronous.
 */
import { OUTBOUND_TOUCH_TYPES, type Channel, type UnifiedEvent } from '../../connectors/unified/event.js';
import { capHits, exposureTimes } from './evaluate-caps.js';
import { SEND_MATCH_SKEW_MS, type TouchLog, type TouchLogOptions } from './touch-log.js';
import {
  customerOfReservation,
  pendingReservation,
  type CountedTouch,
  type ExposureInput,
  type Reservation,
  type ReserveOutcome,
  type ReserveRequest,
} from './touch.js';
import { campaignOf, eventMember, exposureMember, kindOfMember, reservationMember } from './touch-members.js';

interface CustomerLog {
  /** Per channel: member → epoch ms (the Redis sorted set `ch:<CHANNEL>`). */
  channels: Map<Channel, Map<string, number>>;
  /** Unconfirmed reservation id → expiresAt. */
  pending: Map<string, number>;
  reservations: Map<string, Reservation>;
  idempotency: Map<string, string>;
  /** Reservation id → reservedAt, to drop records older than the retention. */
  reservedLog: Map<string, number>;
  /** Exposure source id → the channel and number of touches it added. */
  estimates: Map<string, { channel: Channel; count: number }>;
}

const emptyLog = (): CustomerLog => ({
  channels: new Map(),
  pending: new Map(),
  reservations: new Map(),
  idempotency: new Map(),
  reservedLog: new Map(),
  estimates: new Map(),
});

export class MemoryTouchLog implements TouchLog {
  private readonly logs = new Map<string, CustomerLog>();
  /** Absorbed customer → survivor, so reservation ids minted before a merge still resolve. */
  private readonly mergedInto = new Map<string, string>();
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: TouchLogOptions) {
    this.retentionMs = options.retentionMs;
    this.now = options.now ?? Date.now;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const now = this.now();
    const log = this.log(request.customerId, true)!;
    this.housekeep(log, now);
    const existing = log.idempotency.get(request.idempotencyKey);
    if (existing !== undefined) return { outcome: 'REPLAYED', reservation: { ...log.reservations.get(existing)! } };
    const hits = capHits(this.counted(log), request.policies, now);
    if (hits.length > 0) return { outcome: 'CAPPED', hits };
    const reservation = pendingReservation(request, now);
    this.members(log, request.channel).set(reservationMember(reservation.id), now);
    log.pending.set(reservation.id, reservation.expiresAt);
    log.reservations.set(reservation.id, reservation);
    log.idempotency.set(request.idempotencyKey, reservation.id);
    log.reservedLog.set(reservation.id, now);
    return { outcome: 'RESERVED', reservation: { ...reservation } };
  }

  async findByIdempotencyKey(customerId: string, idempotencyKey: string): Promise<Reservation | undefined> {
    const log = this.log(customerId, false);
    if (!log) return undefined;
    this.housekeep(log, this.now());
    const id = log.idempotency.get(idempotencyKey);
    return id === undefined ? undefined : { ...log.reservations.get(id)! };
  }

  async getReservation(reservationId: string): Promise<Reservation | undefined> {
    const log = this.logOfReservation(reservationId);
    if (!log) return undefined;
    this.housekeep(log, this.now());
    const r = log.reservations.get(reservationId);
    return r && { ...r };
  }

  async confirm(reservationId: string): Promise<Reservation | undefined> {
    const log = this.logOfReservation(reservationId);
    if (!log) return undefined;
    const now = this.now();
    this.housekeep(log, now);
    const r = log.reservations.get(reservationId);
    if (!r) return undefined;
    if (r.status === 'PENDING' || r.status === 'EXPIRED') {
      // A late confirmation counts again: the message went out.
      if (r.status === 'EXPIRED') this.members(log, r.channel).set(reservationMember(r.id), r.reservedAt);
      log.pending.delete(r.id);
      r.status = 'CONFIRMED';
      r.confirmedAt = now;
    }
    return { ...r };
  }

  async release(reservationId: string): Promise<Reservation | undefined> {
    const log = this.logOfReservation(reservationId);
    if (!log) return undefined;
    this.housekeep(log, this.now());
    const r = log.reservations.get(reservationId);
    if (!r) return undefined;
    if (r.status === 'PENDING') {
      this.members(log, r.channel).delete(reservationMember(r.id));
      log.pending.delete(r.id);
      r.status = 'RELEASED';
    }
    return { ...r };
  }

  async touches(customerId: string): Promise<CountedTouch[]> {
    const log = this.log(customerId, false);
    if (!log) return [];
    this.housekeep(log, this.now());
    return this.counted(log);
  }

  async recordTouches(customerId: string, events: readonly UnifiedEvent[]): Promise<void> {
    for (const event of events) {
      if (!OUTBOUND_TOUCH_TYPES.has(event.type)) continue;
      const log = this.log(customerId, true)!;
      const now = this.now();
      this.housekeep(log, now);
      const at = Date.parse(event.occurredAt);
      const members = this.members(log, event.channel);
      const member = eventMember(event.id);
      if (at < now - this.retentionMs || members.has(member)) continue;
      const match = this.matchingReservation(log, event.channel, campaignOf(event), at);
      if (match) {
        members.delete(reservationMember(match.id));
        log.pending.delete(match.id);
        match.status = 'CONFIRMED';
        match.confirmedAt ??= at;
        match.eventId = event.id;
      }
      members.set(member, at);
    }
  }

  async recordExposure(customerId: string, exposure: ExposureInput): Promise<void> {
    const log = this.log(customerId, true)!;
    this.housekeep(log, this.now());
    const previous = log.estimates.get(exposure.sourceId);
    if (previous) {
      const members = this.members(log, previous.channel);
      for (let i = 0; i < previous.count; i++) members.delete(exposureMember(exposure.sourceId, i));
    }
    const times = exposureTimes(exposure);
    const members = this.members(log, exposure.channel);
    times.forEach((at, i) => members.set(exposureMember(exposure.sourceId, i), at));
    log.estimates.set(exposure.sourceId, { channel: exposure.channel, count: times.length });
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const absorbed = this.logs.get(absorbedId);
    this.mergedInto.set(absorbedId, survivorId);
    if (!absorbed) return;
    const survivor = this.log(survivorId, true)!;
    for (const [channel, members] of absorbed.channels) {
      const target = this.members(survivor, channel);
      for (const [member, at] of members) if (!target.has(member)) target.set(member, at);
    }
    for (const [id, r] of absorbed.reservations) survivor.reservations.set(id, { ...r, customerId: survivorId });
    for (const [id, expiresAt] of absorbed.pending) survivor.pending.set(id, expiresAt);
    for (const [id, at] of absorbed.reservedLog) survivor.reservedLog.set(id, at);
    // On a clash the survivor's own key wins; the absorbed reservation stays reachable by id.
    for (const [key, id] of absorbed.idempotency) if (!survivor.idempotency.has(key)) survivor.idempotency.set(key, id);
    for (const [source, estimate] of absorbed.estimates) {
      if (survivor.estimates.has(source)) {
        // Same platform and window estimated twice for one person now: keep the survivor's.
        const members = this.members(survivor, estimate.channel);
        const own = survivor.estimates.get(source)!;
        for (let i = own.count; i < estimate.count; i++) members.delete(exposureMember(source, i));
      } else survivor.estimates.set(source, estimate);
    }
    this.logs.delete(absorbedId);
  }

  async erase(customerId: string): Promise<void> {
    this.logs.delete(customerId);
    this.mergedInto.delete(customerId);
  }

  // --- internals, each mirrored by a step of the Redis scripts ---

  /** Expires stale reservations, trims touches and reservation records past the retention. */
  private housekeep(log: CustomerLog, now: number): void {
    for (const [id, expiresAt] of [...log.pending]) {
      if (expiresAt > now) continue;
      const r = log.reservations.get(id);
      if (r) {
        this.members(log, r.channel).delete(reservationMember(id));
        r.status = 'EXPIRED';
      }
      log.pending.delete(id);
    }
    const cutoff = now - this.retentionMs;
    for (const members of log.channels.values()) {
      for (const [member, at] of [...members]) if (at < cutoff) members.delete(member);
    }
    for (const [id, reservedAt] of [...log.reservedLog]) {
      if (reservedAt >= cutoff) continue;
      const r = log.reservations.get(id);
      if (r && log.idempotency.get(r.idempotencyKey) === id) log.idempotency.delete(r.idempotencyKey);
      log.reservations.delete(id);
      log.pending.delete(id);
      log.reservedLog.delete(id);
    }
  }

  /** The oldest reservation on this channel and campaign that no send has claimed yet. */
  private matchingReservation(log: CustomerLog, channel: Channel, campaignId: string | undefined, at: number): Reservation | undefined {
    if (!campaignId) return undefined;
    let best: Reservation | undefined;
    for (const r of log.reservations.values()) {
      const open = r.status === 'PENDING' || (r.status === 'CONFIRMED' && r.eventId === undefined);
      if (!open || r.channel !== channel || r.campaignId !== campaignId || r.reservedAt > at + SEND_MATCH_SKEW_MS) continue;
      if (!best || r.reservedAt < best.reservedAt || (r.reservedAt === best.reservedAt && r.id < best.id)) best = r;
    }
    return best;
  }

  private counted(log: CustomerLog): CountedTouch[] {
    const out: CountedTouch[] = [];
    for (const [channel, members] of log.channels) {
      for (const [member, at] of members) out.push({ channel, at, kind: kindOfMember(member, log.pending) });
    }
    return out.sort((a, b) => a.at - b.at);
  }

  private members(log: CustomerLog, channel: Channel): Map<string, number> {
    let members = log.channels.get(channel);
    if (!members) log.channels.set(channel, (members = new Map()));
    return members;
  }

  private resolve(customerId: string): string {
    let id = customerId;
    for (let hops = 0; hops < 16 && this.mergedInto.has(id); hops++) id = this.mergedInto.get(id)!;
    return id;
  }

  private log(customerId: string, create: boolean): CustomerLog | undefined {
    let log = this.logs.get(customerId);
    if (!log && create) this.logs.set(customerId, (log = emptyLog()));
    return log;
  }

  /** Reservation ids name the customer they were made for; a merge since then moved them to the survivor. */
  private logOfReservation(reservationId: string): CustomerLog | undefined {
    const customerId = customerOfReservation(reservationId);
    return customerId === undefined ? undefined : this.log(this.resolve(customerId), false);
  }
}
