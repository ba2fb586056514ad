/**
 * The service over the memory touch log with a settable clock: every reason listed at once,
 * reservations refused by consent or quiet hours reserve nothing, replays and their mismatches.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.js';
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import { FrequencyService, IdempotencyKeyReuseError } from './frequency-service.js';
import { MemoryTouchLog } from './memory-touch-log.js';
import { MemoryTimeZoneTraits } from './time-zone-traits.js';

const customer = {
  id: 'cus_svc',
  identities: [{ kind: 'PHONE' as const, value: '+442071838750' }],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function setup(startIso: string, consent: Partial<Record<ConsentTopic, ConsentStatus>>) {
  let now = Date.parse(startIso);
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const settings = loadConfig({}).frequency;
  const touches = new MemoryTouchLog({ retentionMs: settings.retentionMs, now: clock.now });
  const service = new FrequencyService({
    touches,
    consent: { currentConsent: async () => consent },
    timeZones: new MemoryTimeZoneTraits(),
    settings,
    now: clock.now,
  });
  return { clock, touches, service };
}

describe('FrequencyService', () => {
  it('lists every reason at once: consent, the cap and quiet hours in the customer’s (phone-derived) zone', async () => {
    // 07:00 in London (GMT): inside the default quiet hours 21:00-08:00.
    const { service, touches } = setup('2026-11-03T07:00:00Z', { SMS_MARKETING: 'UNKNOWN' });
    await touches.recordTouches(customer.id, [
      { id: 'klaviyo:s1', source: 'klaviyo', channel: 'SMS', type: 'SMS_SENT', occurredAt: '2026-11-02T18:00:00Z', identities: [{ kind: 'KLAVIYO', value: 'k' }], summary: 'SMS sent', details: { kind: 'message' } },
    ]);
    const decision = await service.contactability(customer, 'SMS');
    expect(decision.allowed).toBe(false);
    expect(decision.timeZone).toEqual({ zone: 'Europe/London', source: 'PHONE_COUNTRY' });
    expect(decision.reasons).toEqual([
      expect.objectContaining({ code: 'CONSENT_UNKNOWN', topic: 'SMS_MARKETING' }),
      expect.objectContaining({ code: 'CAP_REACHED', policy: 'sms-24h', used: 1, limit: 1, resetsAt: Date.parse('2026-11-03T18:00:00Z') }),
      expect.objectContaining({ code: 'QUIET_HOURS', until: Date.parse('2026-11-03T08:00:00Z'), timeZone: 'Europe/London' }),
    ]);
    const refused = await service.reserveTouch(customer, { channel: 'SMS', campaignId: 'c', idempotencyKey: 'k' });
    expect(refused).toMatchObject({ granted: false, reservation: undefined });
    expect(refused.decision?.reasons.map((r) => r.code)).toEqual(['CONSENT_UNKNOWN', 'CAP_REACHED', 'QUIET_HOURS']);
    expect(await touches.findByIdempotencyKey(customer.id, 'k')).toBeUndefined();
  });

  it('replays a key, refuses its reuse for another campaign, and reports an expired original as not held', async () => {
    const { service, clock } = setup('2026-11-03T12:00:00Z', { EMAIL_MARKETING: 'GRANTED' });
    const first = await service.reserveTouch(customer, { channel: 'EMAIL', campaignId: 'c1', idempotencyKey: 'k' });
    expect(first).toMatchObject({ granted: true, replayed: false });
    const again = await service.reserveTouch(customer, { channel: 'EMAIL', campaignId: 'c1', idempotencyKey: 'k' });
    expect(again).toEqual({ granted: true, replayed: true, reservation: first.reservation, decision: undefined });
    await expect(service.reserveTouch(customer, { channel: 'EMAIL', campaignId: 'c2', idempotencyKey: 'k' })).rejects.toBeInstanceOf(IdempotencyKeyReuseError);
    clock.advance(service.settings.reservationTtlMs);
    const expired = await service.reserveTouch(customer, { channel: 'EMAIL', campaignId: 'c1', idempotencyKey: 'k' });
    expect(expired).toMatchObject({ granted: false, replayed: true, reservation: { status: 'EXPIRED' } });
    expect((await service.frequency(customer.id, 86_400_000)).total).toBe(0);
  });

  it('needs no ledger topic for push, and treats a non-outbound channel as not contactable', async () => {
    const { service } = setup('2026-11-03T12:00:00Z', {});
    expect(await service.contactability(customer, 'PUSH')).toMatchObject({ allowed: true, reasons: [] });
    expect((await service.contactability(customer, 'COMMERCE')).reasons.map((r) => r.code)).toEqual(['CHANNEL_NOT_CONTACTABLE']);
    expect((await service.contactability(customer, 'PAID_SOCIAL')).reasons.map((r) => r.code)).toEqual(['CONSENT_UNKNOWN', 'CONSENT_UNKNOWN']);
  });
});
