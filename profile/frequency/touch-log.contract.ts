/**
 * The behaviour every TouchLog adapter must show; memory and Redis run the same assertions.
 * Time is a settable clock handed to the adapter, so expiry and window edges are exact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, EventType, UnifiedEvent } from '../../connectors/unified/event.js';
import type { StoreFixture } from '../store/identity-store.contract.js';
import type { TouchLog, TouchLogOptions } from './touch-log.js';
import { reservationIdFor, type CapPolicy, type ReserveRequest } from './touch.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-02T12:00:00.000Z');
const TTL = 15 * 60_000;

const marketing: CapPolicy = { name: 'marketing-24h', channels: ['EMAIL', 'SMS', 'PUSH'], limit: 3, windowMs: DAY };
const sms: CapPolicy = { name: 'sms-24h', channels: ['SMS'], limit: 1, windowMs: DAY };

let serial = 0;
const request = (customerId: string, channel: Channel, key: string, policies: CapPolicy[] = [marketing]): ReserveRequest => ({
  customerId,
  channel,
  campaignId: 'cmp_1',
  idempotencyKey: key,
  reservationId: reservationIdFor(customerId, `r${++serial}x${Math.random().toString(36).slice(2)}`),
  ttlMs: TTL,
  policies,
});

const sent = (id: string, channel: Channel, at: number, campaignId?: string, type?: EventType): UnifiedEvent => ({
  id: `klaviyo:${id}`,
  source: 'klaviyo',
  channel,
  type: type ?? (channel === 'SMS' ? 'SMS_SENT' : channel === 'PUSH' ? 'PUSH_SENT' : 'EMAIL_SENT'),
  occurredAt: new Date(at).toISOString(),
  identities: [{ kind: 'KLAVIYO', value: 'k1' }],
  summary: 'Campaign sent',
  details: { kind: 'message', ...(campaignId ? { campaignId } : {}) },
});

export function describeTouchLogContract(name: string, create: (options: TouchLogOptions) => Promise<StoreFixture<TouchLog>>): void {
  describe(`TouchLog contract: ${name}`, () => {
    let fixture: StoreFixture<TouchLog>;
    let log: TouchLog;
    let now = T0;
    beforeEach(async () => {
      now = T0;
      fixture = await create({ retentionMs: 30 * DAY, now: () => now });
      log = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('reserves until a cap is reached, then refuses with the policy and when a slot frees', async () => {
      const outcomes = [];
      for (let i = 0; i < 4; i++) {
        outcomes.push(await log.reserve(request('cus_a', 'EMAIL', `k${i}`)));
        now += MINUTE;
      }
      expect(outcomes.slice(0, 3).map((o) => o.outcome)).toEqual(['RESERVED', 'RESERVED', 'RESERVED']);
      expect(outcomes[3]).toEqual({ outcome: 'CAPPED', hits: [{ policy: 'marketing-24h', limit: 3, used: 3, resetsAt: T0 + DAY }] });
      const touches = await log.touches('cus_a');
      expect(touches.map((t) => [t.channel, t.at, t.kind])).toEqual([
        ['EMAIL', T0, 'RESERVED'],
        ['EMAIL', T0 + MINUTE, 'RESERVED'],
        ['EMAIL', T0 + 2 * MINUTE, 'RESERVED'],
      ]);
    });

    it('grants exactly 3 of 200 concurrent reservations racing for 3 slots', async () => {
      const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => log.reserve(request('cus_race', 'EMAIL', `race-${i}`))));
      expect(outcomes.filter((o) => o.outcome === 'RESERVED')).toHaveLength(3);
      expect(outcomes.filter((o) => o.outcome === 'CAPPED')).toHaveLength(197);
      expect(await log.touches('cus_race')).toHaveLength(3);
    });

    it('grants a repeated idempotency key once, also when the repeats race, and replays the original', async () => {
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => log.reserve(request('cus_a', 'SMS', 'same-key', [marketing, sms]))));
      const granted = outcomes.filter((o) => o.outcome === 'RESERVED');
      expect(granted).toHaveLength(1);
      const original = granted[0]!.outcome === 'RESERVED' ? granted[0]!.reservation : undefined;
      for (const o of outcomes.filter((x) => x.outcome !== 'RESERVED')) expect(o).toEqual({ outcome: 'REPLAYED', reservation: original });
      expect(await log.touches('cus_a')).toHaveLength(1);
      expect(await log.findByIdempotencyKey('cus_a', 'same-key')).toEqual(original);
      expect(await log.findByIdempotencyKey('cus_a', 'other-key')).toBeUndefined();
      // The key stays bound to its reservation after the reservation expired: never a second grant.
      now += TTL;
      const again = await log.reserve(request('cus_a', 'SMS', 'same-key', [marketing, sms]));
      expect(again.outcome).toBe('REPLAYED');
      expect(again.outcome === 'REPLAYED' && again.reservation.status).toBe('EXPIRED');
    });

    it('expires an unconfirmed reservation after its TTL, freeing the slot; a confirmed one keeps counting', async () => {
      const smsOnly = [sms];
      const first = await log.reserve(request('cus_a', 'SMS', 'a', smsOnly));
      expect(first.outcome).toBe('RESERVED');
      expect((await log.reserve(request('cus_a', 'SMS', 'b', smsOnly))).outcome).toBe('CAPPED');
      now += TTL - 1;
      expect((await log.reserve(request('cus_a', 'SMS', 'c', smsOnly))).outcome).toBe('CAPPED');
      now += 1;
      const id = first.outcome === 'RESERVED' ? first.reservation.id : '';
      expect((await log.getReservation(id))?.status).toBe('EXPIRED');
      expect(await log.touches('cus_a')).toEqual([]);
      const second = await log.reserve(request('cus_a', 'SMS', 'd', smsOnly));
      expect(second.outcome).toBe('RESERVED');
      const confirmed = await log.confirm(second.outcome === 'RESERVED' ? second.reservation.id : '');
      expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: now });
      now += 2 * TTL;
      expect((await log.touches('cus_a')).map((t) => t.kind)).toEqual(['SENT']);
      expect((await log.reserve(request('cus_a', 'SMS', 'e', smsOnly))).outcome).toBe('CAPPED');
    });

    it('counts a late confirmation again: the message went out after all', async () => {
      const r = await log.reserve(request('cus_a', 'PUSH', 'late'));
      const id = r.outcome === 'RESERVED' ? r.reservation.id : '';
      now += TTL + 1;
      expect(await log.touches('cus_a')).toEqual([]);
      expect(await log.confirm(id)).toMatchObject({ status: 'CONFIRMED' });
      expect(await log.touches('cus_a')).toEqual([{ channel: 'PUSH', at: T0, kind: 'SENT' }]);
    });

    it('releases a pending reservation, and leaves a confirmed one as it is', async () => {
      const a = await log.reserve(request('cus_a', 'EMAIL', 'a'));
      const b = await log.reserve(request('cus_a', 'EMAIL', 'b'));
      const idA = a.outcome === 'RESERVED' ? a.reservation.id : '';
      const idB = b.outcome === 'RESERVED' ? b.reservation.id : '';
      expect(await log.release(idA)).toMatchObject({ status: 'RELEASED' });
      expect(await log.release(idA)).toMatchObject({ status: 'RELEASED' });
      await log.confirm(idB);
      expect(await log.release(idB)).toMatchObject({ status: 'CONFIRMED' });
      expect(await log.confirm(idA)).toMatchObject({ status: 'RELEASED' });
      expect((await log.touches('cus_a')).map((t) => t.kind)).toEqual(['SENT']);
      expect(await log.release(reservationIdFor('cus_a', 'nosuch'))).toBeUndefined();
      expect(await log.getReservation('not-a-reservation-id')).toBeUndefined();
    });

    it('slides the window: a touch counts until exactly one window after it, not at that instant', async () => {
      await log.recordTouches('cus_a', [sent('s1', 'SMS', T0)]);
      now = T0 + DAY - 1;
      const refused = await log.reserve(request('cus_a', 'SMS', 'edge-1', [sms]));
      expect(refused).toEqual({ outcome: 'CAPPED', hits: [{ policy: 'sms-24h', limit: 1, used: 1, resetsAt: T0 + DAY }] });
      now = T0 + DAY;
      expect((await log.reserve(request('cus_a', 'SMS', 'edge-2', [sms]))).outcome).toBe('RESERVED');
    });

    it('caps across channels: email, SMS and push share the marketing cap', async () => {
      await log.recordTouches('cus_a', [sent('e1', 'EMAIL', T0 - 3 * HOUR), sent('p1', 'PUSH', T0 - 2 * HOUR)]);
      expect((await log.reserve(request('cus_a', 'SMS', 'x', [marketing, sms]))).outcome).toBe('RESERVED');
      const refused = await log.reserve(request('cus_a', 'PUSH', 'y'));
      expect(refused).toEqual({ outcome: 'CAPPED', hits: [{ policy: 'marketing-24h', limit: 3, used: 3, resetsAt: T0 - 3 * HOUR + DAY }] });
    });

    it('records vendor sends once by event id, ignores other event types, and drops ones past the retention', async () => {
      await log.recordTouches('cus_a', [sent('e1', 'EMAIL', T0 - HOUR), sent('e1', 'EMAIL', T0 - HOUR), sent('o1', 'EMAIL', T0, undefined, 'EMAIL_OPENED')]);
      await log.recordTouches('cus_a', [sent('e1', 'EMAIL', T0 - HOUR), sent('old', 'EMAIL', T0 - 31 * DAY)]);
      expect(await log.touches('cus_a')).toEqual([{ channel: 'EMAIL', at: T0 - HOUR, kind: 'SENT' }]);
      now += 30 * DAY;
      expect(await log.touches('cus_a')).toEqual([]);
    });

    it('lets a vendor send confirm the reservation it fulfils, so the send counts once', async () => {
      const r = await log.reserve(request('cus_a', 'EMAIL', 'k'));
      const id = r.outcome === 'RESERVED' ? r.reservation.id : '';
      await log.recordTouches('cus_a', [sent('other-campaign', 'EMAIL', T0 + 60_000, 'cmp_2')]);
      await log.recordTouches('cus_a', [sent('mine', 'EMAIL', T0 + 60_000, 'cmp_1')]);
      await log.recordTouches('cus_a', [sent('mine', 'EMAIL', T0 + 60_000, 'cmp_1')]);
      expect(await log.getReservation(id)).toMatchObject({ status: 'CONFIRMED', confirmedAt: T0 + 60_000, eventId: 'klaviyo:mine' });
      expect((await log.touches('cus_a')).map((t) => [t.at, t.kind])).toEqual([
        [T0 + 60_000, 'SENT'],
        [T0 + 60_000, 'SENT'],
      ]);
      // Confirmed through the API first, then reported by the vendor: still one touch.
      const r2 = await log.reserve(request('cus_b', 'EMAIL', 'k2'));
      await log.confirm(r2.outcome === 'RESERVED' ? r2.reservation.id : '');
      await log.recordTouches('cus_b', [sent('b-mine', 'EMAIL', T0 + 1000, 'cmp_1')]);
      expect(await log.touches('cus_b')).toEqual([{ channel: 'EMAIL', at: T0 + 1000, kind: 'SENT' }]);
    });

    it('counts estimated ad exposure as touches spread over its window, and replaces a re-fed estimate', async () => {
      const since = T0 - 4 * DAY;
      await log.recordExposure('cus_a', { sourceId: 'google-ads:w1', channel: 'PAID_SEARCH', since, until: T0, impressions: 3.6 });
      let touches = await log.touches('cus_a');
      expect(touches.map((t) => t.kind)).toEqual(['ESTIMATED', 'ESTIMATED', 'ESTIMATED', 'ESTIMATED']);
      expect(touches[0]!.at).toBe(since + DAY / 2);
      await log.recordExposure('cus_a', { sourceId: 'google-ads:w1', channel: 'PAID_SEARCH', since, until: T0, impressions: 2 });
      touches = await log.touches('cus_a');
      expect(touches.map((t) => t.at)).toEqual([since + DAY, since + 3 * DAY]);
    });

    it('moves touches and reservations to the survivor of a merge; old reservation ids still resolve', async () => {
      const r = await log.reserve(request('cus_old', 'EMAIL', 'k-old'));
      const id = r.outcome === 'RESERVED' ? r.reservation.id : '';
      await log.recordTouches('cus_old', [sent('o', 'SMS', T0 - HOUR)]);
      await log.recordTouches('cus_new', [sent('n', 'EMAIL', T0 - 2 * HOUR)]);
      await log.mergeInto('cus_new', 'cus_old');
      await log.mergeInto('cus_new', 'cus_old');
      expect(await log.touches('cus_old')).toEqual([]);
      expect((await log.touches('cus_new')).map((t) => t.channel)).toEqual(['EMAIL', 'SMS', 'EMAIL']);
      expect(await log.confirm(id)).toMatchObject({ status: 'CONFIRMED', customerId: 'cus_new' });
      expect((await log.reserve(request('cus_new', 'EMAIL', 'k-old'))).outcome).toBe('REPLAYED');
      expect((await log.reserve(request('cus_new', 'EMAIL', 'k-4'))).outcome).toBe('CAPPED');
    });

    it('erases everything held for a customer', async () => {
      const r = await log.reserve(request('cus_a', 'EMAIL', 'k'));
      await log.recordTouches('cus_a', [sent('e', 'EMAIL', T0 - HOUR)]);
      await log.recordExposure('cus_a', { sourceId: 'meta:w', channel: 'PAID_SOCIAL', since: T0 - DAY, until: T0, impressions: 2 });
      await log.erase('cus_a');
      await log.erase('cus_a');
      expect(await log.touches('cus_a')).toEqual([]);
      expect(await log.findByIdempotencyKey('cus_a', 'k')).toBeUndefined();
      expect(await log.getReservation(r.outcome === 'RESERVED' ? r.reservation.id : '')).toBeUndefined();
    });
  });
}
