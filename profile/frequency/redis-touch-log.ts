/**
 * The Redis touch log. Layout per customer (under the configured prefix; the `{customerId}` hash
 * tag keeps one customer's keys in one cluster slot, so each script touches one slot):
 *   freq:{id}:pending | :rsv | :idem | :rsvlog | :est | :ch:<CHANNEL>   (redis-touch-scripts.ts)
 *   freq:{id}:merged   string  the survivor, after an identity merge absorbed this customer
 * Every operation is one Lua script, so check-and-reserve is atomic across hub processes.
 */
import type { Redis } from 'ioredis';
import { CHANNELS, OUTBOUND_TOUCH_TYPES, type Channel, type UnifiedEvent } from '../../connectors/unified/event.js';
import { exposureTimes } from './evaluate-caps.js';
import {
  CONFIRM_SCRIPT,
  EXPOSURE_SCRIPT,
  LOOKUP_SCRIPT,
  MERGE_SCRIPT,
  RECORD_TOUCH_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  TOUCHES_SCRIPT,
} from './redis-touch-scripts.js';
import { SEND_MATCH_SKEW_MS, type TouchLog, type TouchLogOptions } from './touch-log.js';
import { campaignOf, kindOfMember } from './touch-members.js';
import {
  customerOfReservation,
  pendingReservation,
  ReservationSchema,
  type CountedTouch,
  type ExposureInput,
  type Reservation,
  type ReserveOutcome,
  type ReserveRequest,
} from './touch.js';

type Script = (numKeys: number, ...args: (string | number)[]) => Promise<unknown>;

const SCRIPTS = {
  hubFreqReserve: RESERVE_SCRIPT,
  hubFreqLookup: LOOKUP_SCRIPT,
  hubFreqConfirm: CONFIRM_SCRIPT,
  hubFreqRelease: RELEASE_SCRIPT,
  hubFreqTouches: TOUCHES_SCRIPT,
  hubFreqRecordTouch: RECORD_TOUCH_SCRIPT,
  hubFreqExposure: EXPOSURE_SCRIPT,
  hubFreqMerge: MERGE_SCRIPT,
} as const;

const MAX_MERGE_HOPS = 16;

export class RedisTouchLog implements TouchLog {
  private readonly scripts: Record<keyof typeof SCRIPTS, Script>;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: TouchLogOptions,
  ) {
    this.retentionMs = options.retentionMs;
    this.now = options.now ?? Date.now;
    // defineCommand sends EVALSHA and falls back to EVAL once per connection.
    const commands = redis as unknown as Record<string, Script>;
    for (const [name, lua] of Object.entries(SCRIPTS)) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.scripts = Object.fromEntries(Object.keys(SCRIPTS).map((name) => [name, commands[name]!.bind(redis)])) as Record<
      keyof typeof SCRIPTS,
      Script
    >;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const now = this.now();
    const reservation = pendingReservation(request, now);
    const policyArgs = request.policies.flatMap((p) => [p.name, p.windowMs, p.limit, p.channels.length, ...p.channels]);
    const reply = (await this.run('hubFreqReserve', request.customerId, [
      now,
      this.retentionMs,
      request.idempotencyKey,
      JSON.stringify(reservation),
      reservation.id,
      request.channel,
      reservation.expiresAt,
      request.policies.length,
      ...policyArgs,
    ])) as string[];
    const [outcome, ...rest] = reply;
    if (outcome === 'RESERVED' || outcome === 'REPLAYED') return { outcome, reservation: parseReservation(rest[0]!) };
    const hits = [];
    for (let i = 0; i < rest.length; i += 4) {
      hits.push({ policy: rest[i]!, limit: Number(rest[i + 1]), used: Number(rest[i + 2]), resetsAt: rest[i + 3] ? Number(rest[i + 3]) : undefined });
    }
    return { outcome: 'CAPPED', hits };
  }

  async findByIdempotencyKey(customerId: string, idempotencyKey: string): Promise<Reservation | undefined> {
    const raw = (await this.run('hubFreqLookup', customerId, [this.now(), this.retentionMs, 'idem', idempotencyKey])) as string | null;
    return raw ? parseReservation(raw) : undefined;
  }

  getReservation(reservationId: string): Promise<Reservation | undefined> {
    return this.byReservation('hubFreqLookup', reservationId, ['id', reservationId]);
  }

  confirm(reservationId: string): Promise<Reservation | undefined> {
    return this.byReservation('hubFreqConfirm', reservationId, [reservationId]);
  }

  release(reservationId: string): Promise<Reservation | undefined> {
    return this.byReservation('hubFreqRelease', reservationId, [reservationId]);
  }

  async touches(customerId: string): Promise<CountedTouch[]> {
    const [flat, pendingIds] = (await this.run('hubFreqTouches', customerId, [this.now(), this.retentionMs])) as [string[], string[]];
    const pending = new Set(pendingIds);
    const out: CountedTouch[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      out.push({ channel: flat[i] as Channel, at: Number(flat[i + 2]), kind: kindOfMember(flat[i + 1]!, pending) });
    }
    return out.sort((a, b) => a.at - b.at);
  }

  async recordTouches(customerId: string, events: readonly UnifiedEvent[]): Promise<void> {
    for (const event of events) {
      if (!OUTBOUND_TOUCH_TYPES.has(event.type)) continue;
      await this.run('hubFreqRecordTouch', customerId, [
        this.now(),
        this.retentionMs,
        event.id,
        event.channel,
        Date.parse(event.occurredAt),
        campaignOf(event) ?? '',
        SEND_MATCH_SKEW_MS,
      ]);
    }
  }

  async recordExposure(customerId: string, exposure: ExposureInput): Promise<void> {
    await this.run('hubFreqExposure', customerId, [this.now(), this.retentionMs, exposure.sourceId, exposure.channel, ...exposureTimes(exposure)]);
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const keys = [...this.keys(survivorId), ...this.keys(absorbedId), this.mergedKey(absorbedId)];
    await this.scripts.hubFreqMerge(keys.length, ...keys, survivorId);
  }

  async erase(customerId: string): Promise<void> {
    await this.redis.del(...this.keys(customerId), this.mergedKey(customerId));
  }

  // --- internals ---

  private keys(customerId: string): string[] {
    const base = `${this.prefix}freq:{${customerId}}:`;
    return [`${base}pending`, `${base}rsv`, `${base}idem`, `${base}rsvlog`, `${base}est`, ...CHANNELS.map((c) => `${base}ch:${c}`)];
  }

  private mergedKey(customerId: string): string {
    return `${this.prefix}freq:{${customerId}}:merged`;
  }

  private run(name: keyof typeof SCRIPTS, customerId: string, args: (string | number)[]): Promise<unknown> {
    const keys = this.keys(customerId);
    return this.scripts[name](keys.length, ...keys, ...args);
  }

  /** Follows merge pointers from the customer named in the reservation id to where it lives now. */
  private async byReservation(name: keyof typeof SCRIPTS, reservationId: string, args: string[]): Promise<Reservation | undefined> {
    let customerId = customerOfReservation(reservationId);
    if (customerId === undefined) return undefined;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const next = await this.redis.get(this.mergedKey(customerId));
      if (next === null) break;
      customerId = next;
    }
    const raw = (await this.run(name, customerId, [this.now(), this.retentionMs, ...args])) as string | null;
    return raw ? parseReservation(raw) : undefined;
  }
}

function parseReservation(raw: string): Reservation {
  return ReservationSchema.parse(JSON.parse(raw));
}
