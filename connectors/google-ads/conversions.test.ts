/**
 * Click conversion uploads through the connector against the sandbox: partial failure (a failed
 * row is reported, the others land), consent, enhanced-conversion identifiers, the log and events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectGoogleAds, startGoogleAdsSandbox, type GoogleAdsSandboxFixture } from '../../test/support/google-ads.js';
import type { UnifiedBatch } from '../unified/batch.js';
import { hashEmail } from './hashing.js';

let fixture: GoogleAdsSandboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('click conversion uploads', () => {
  it('lands the good rows, reports the failed one with its code and field, refuses those without consent', async () => {
    fixture = await startGoogleAdsSandbox();
    const batches: UnifiedBatch[] = [];
    const { conversions, conversionLog } = connectGoogleAds(fixture, { events: async (b) => void batches.push(b) });
    const [first, second] = [...fixture.state.clicksByGclid.values()].filter((c) => c.date >= '2026-09-01');
    const action = fixture.state.conversionActions[0]!.id;
    const later = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
    const subject = { customerId: 'cus_1', identities: [{ kind: 'EMAIL' as const, value: 'Sam.Silva@Gmail.com' }] };

    const result = await conversions.upload([
      { gclid: first!.gclid, conversionAction: action, occurredAt: later(first!.clickedAt, 5), value: { amount: '42.50', currencyCode: 'USD' }, orderId: 'A-1', subject, adUserData: 'GRANTED' },
      { gclid: second!.gclid, conversionAction: action, occurredAt: later(second!.clickedAt, -2), adUserData: 'GRANTED' },
      { gclid: 'Cj0KCQnoSuchClick00000000000', conversionAction: action, occurredAt: later(first!.clickedAt, 5), adUserData: 'GRANTED' },
      { gclid: second!.gclid, conversionAction: action, occurredAt: later(second!.clickedAt, 3), adUserData: 'DENIED' },
    ]);

    expect(result.landed.map((c) => c.gclid)).toEqual([first!.gclid]);
    expect(result.failed).toEqual([
      expect.objectContaining({ index: 1, gclid: second!.gclid, code: 'conversionUploadError.CONVERSION_PRECEDES_EVENT', field: 'conversions[1].conversion_date_time' }),
      expect.objectContaining({ index: 2, code: 'conversionUploadError.EVENT_NOT_FOUND', field: 'conversions[2].gclid' }),
    ]);
    expect(result.refused).toEqual([{ index: 3, gclid: second!.gclid, reason: 'NO_AD_USER_DATA_CONSENT' }]);

    // Only the landed row is at Google, with its value and the enhanced-conversion hash (gmail dots dropped).
    expect(fixture.state.conversions).toEqual([expect.objectContaining({ gclid: first!.gclid, orderId: 'A-1', conversionValue: 42.5, currencyCode: 'USD' })]);
    expect(hashEmail('Sam.Silva@Gmail.com', { gmailDots: 'remove' })).toBe(hashEmail('samsilva@gmail.com'));

    expect(await conversionLog.ofGclids([first!.gclid, second!.gclid])).toEqual([
      expect.objectContaining({ gclid: first!.gclid, conversionAction: `customers/1234567890/conversionActions/${action}`, customerId: 'cus_1', value: { amount: '42.50', currencyCode: 'USD' } }),
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events).toEqual([expect.objectContaining({ type: 'CONVERSION_UPLOADED', identities: [{ kind: 'GCLID', value: first!.gclid }, subject.identities[0]] })]);
  });

  it('sends the request body Google expects: partialFailure, the date-time with offset, consent, at most 5 hashed identifiers', async () => {
    const bodies: { conversions: Record<string, unknown>[]; partialFailure: boolean }[] = [];
    fixture = await startGoogleAdsSandbox({ beforeListen: (app) => app.addHook('preHandler', async (r) => void (r.url.includes('uploadClickConversions') && bodies.push(r.body as never))) });
    const { conversions } = connectGoogleAds(fixture);
    const click = [...fixture.state.clicksByGclid.values()].find((c) => c.date >= '2026-09-01')!;
    const identities = Array.from({ length: 7 }, (_, i) => ({ kind: 'EMAIL' as const, value: `p${i}@example.com` }));
    await conversions.upload([{ gclid: click.gclid, conversionAction: fixture.state.conversionActions[0]!.id, occurredAt: '2026-10-31T23:59:58.123Z', subject: { customerId: 'c', identities }, adUserData: 'GRANTED' }]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.partialFailure).toBe(true);
    expect(bodies[0]!.conversions[0]).toMatchObject({ conversionDateTime: '2026-10-31 23:59:58+00:00', consent: { adUserData: 'GRANTED' } });
    expect(bodies[0]!.conversions[0]!.userIdentifiers).toHaveLength(5);
  });

  it('splits more than 2,000 conversions into requests Google accepts', async () => {
    fixture = await startGoogleAdsSandbox();
    const { conversions } = connectGoogleAds(fixture);
    const click = [...fixture.state.clicksByGclid.values()].find((c) => c.date >= '2026-09-01')!;
    const rows = Array.from({ length: 2_001 }, (_, i) => ({
      gclid: click.gclid,
      conversionAction: fixture!.state.conversionActions[0]!.id,
      occurredAt: new Date(Date.parse(click.clickedAt) + (i + 1) * 1000).toISOString(),
      adUserData: 'GRANTED' as const,
    }));
    const result = await conversions.upload(rows);
    expect(result.landed).toHaveLength(2_001);
    expect(fixture.calls()).toBe(2);
  });
});
