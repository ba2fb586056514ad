/**
 * Frequency and contactability through the gateway, as a client sees them: reserveTouch (caps,
 * idempotency, confirm, release), Customer.frequency, Customer.contactability (consent, caps,
 * quiet hours in the customer's zone), bad input refused with nothing reserved, and callers
 * without `frequency:write` refused at the gateway and again at the subgraph.
 *
 * Consent comes from the hub's consent ledger: the tests append statements through its
 * ConsentSink, as ingest does for vendor consent data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import { metric, writeClientsFile } from '../support/gateway.js';
import { gql, PARTNER_CLIENT, startTestHub, subgraphPost } from '../support/hub.js';

const ALL_GRANTED = { EMAIL_MARKETING: 'GRANTED', SMS_MARKETING: 'GRANTED', AD_PERSONALIZATION: 'GRANTED', AD_USER_DATA: 'GRANTED' } as const;
let statement = 0;

/** Appends consent statements to the hub's ledger, dated now (so they are the latest). */
async function state(hub: RunningHub, customerId: string, statuses: Partial<Record<ConsentTopic, ConsentStatus>>) {
  const occurredAt = new Date().toISOString();
  const records = Object.entries(statuses).map(([topic, status]) => ({
    id: `hub:frequency-test:${++statement}:${topic}`,
    topic: topic as ConsentTopic,
    status: status as ConsentStatus,
    source: 'hub' as const,
    occurredAt,
    method: 'API',
    evidence: {},
    identities: [{ kind: 'HUBSPOT' as const, value: `frequency-test-${customerId}` }],
  }));
  await hub.stores.consent.appendConsents(customerId, records);
}
const NO_SCOPES = { 'x-api-key': 'frequency-test-readonly-key' };
const QUIET_ZONE = 'Asia/Tokyo';
/** The README's example customer (Sam Silva in the default demo world). */
const README_CUSTOMER = 'cus_a933807e09aac51b5597cc8c';

/** Quiet hours from one hour before to two hours after the current hour in QUIET_ZONE, so "now" is inside. */
function quietHoursAroundNow(): string {
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: QUIET_ZONE, hour: 'numeric', hourCycle: 'h23' }).format(Date.now()));
  const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return `${hh(hour - 1)}-${hh(hour + 2)}`;
}

const RESERVE = `mutation($customerId: ID!, $channel: Channel!, $campaignId: String!, $key: String!) {
  reserveTouch(customerId: $customerId, channel: $channel, campaignId: $campaignId, idempotencyKey: $key) {
    granted replayed
    reservation { id customerId channel campaignId idempotencyKey status reservedAt expiresAt confirmedAt }
    decision { allowed reasons { code consentTopic policy limit used resetsAt until } }
  }
}`;

const FREQUENCY = `query($id: ID!, $window: FrequencyWindow) {
  customer(id: $id) {
    frequency(window: $window) {
      window total
      channels { channel sent reserved estimated total }
      policies { name channels limit windowSeconds used remaining reached resetsAt }
    }
  }
}`;

const CONTACTABILITY = `query($id: ID!, $channel: Channel!) {
  customer(id: $id) {
    contactability(channel: $channel) {
      channel allowed evaluatedAt timeZone timeZoneSource
      reasons { code message consentTopic policy limit used resetsAt until }
    }
  }
}`;

describe('frequency and contactability through the gateway', () => {
  let hub: RunningHub;
  let ids: string[];
  let next = 0;
  /** A customer no other test touched. */
  const freshCustomer = () => ids[next++]!;

  const reserve = (customerId: string, channel: string, key: string, campaignId = 'cmp_spring', headers?: Record<string, string>) =>
    gql(hub.gatewayUrl, RESERVE, { customerId, channel, campaignId, key }, headers);
  const frequencyOf = async (id: string, window?: string) => (await gql(hub.gatewayUrl, FREQUENCY, { id, window })).data!.customer.frequency;
  const countOf = async (id: string) => (await frequencyOf(id, 'LAST_30_DAYS')).total as number;

  beforeAll(async () => {
    const clients = writeClientsFile([{ name: 'readonly-tool', key: NO_SCOPES['x-api-key'], arbitraryDocuments: true }]);
    hub = await startTestHub({
      GATEWAY_CLIENTS_FILE: clients,
      FREQUENCY_DEFAULT_TIME_ZONE: QUIET_ZONE,
      FREQUENCY_QUIET_HOURS: quietHoursAroundNow(),
      FREQUENCY_QUIET_HOURS_CHANNELS: 'PUSH',
    });
    const page = await gql(hub.gatewayUrl, '{ customers(first: 30) { edges { node { id } } } }');
    ids = page.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id);
    for (const id of [...ids, README_CUSTOMER]) await state(hub, id, ALL_GRANTED);
    ids = ids.filter((id) => id !== README_CUSTOMER);
  });
  afterAll(async () => hub?.close());

  it('reserves up to the cross-channel cap, then refuses with the policy and when a slot frees', async () => {
    const id = freshCustomer();
    const granted = [];
    for (const [i, channel] of ['EMAIL', 'SMS', 'EMAIL'].entries()) granted.push((await reserve(id, channel, `cap-${i}`)).data!.reserveTouch);
    expect(granted.map((g) => [g.granted, g.replayed, g.reservation.status, g.decision.allowed])).toEqual([
      [true, false, 'PENDING', true],
      [true, false, 'PENDING', true],
      [true, false, 'PENDING', true],
    ]);
    const refused = (await reserve(id, 'EMAIL', 'cap-3')).data!.reserveTouch;
    expect(refused.granted).toBe(false);
    expect(refused.reservation).toBeNull();
    const oldest = Date.parse(granted[0]!.reservation.reservedAt);
    expect(refused.decision.reasons).toEqual([
      { code: 'CAP_REACHED', consentTopic: null, policy: 'marketing-24h', limit: 3, used: 3, resetsAt: new Date(oldest + 86_400_000).toISOString(), until: null },
    ]);

    const frequency = await frequencyOf(id);
    expect(frequency.window).toBe('LAST_24_HOURS');
    expect(frequency.total).toBe(3);
    expect(frequency.channels.find((c: { channel: string }) => c.channel === 'EMAIL')).toEqual({ channel: 'EMAIL', sent: 0, reserved: 2, estimated: 0, total: 2 });
    expect(frequency.policies).toEqual([
      { name: 'marketing-24h', channels: ['EMAIL', 'SMS', 'PUSH'], limit: 3, windowSeconds: 86_400, used: 3, remaining: 0, reached: true, resetsAt: new Date(oldest + 86_400_000).toISOString() },
      { name: 'sms-24h', channels: ['SMS'], limit: 1, windowSeconds: 86_400, used: 1, remaining: 0, reached: true, resetsAt: expect.any(String) },
      { name: 'email-7d', channels: ['EMAIL'], limit: 5, windowSeconds: 604_800, used: 2, remaining: 3, reached: false, resetsAt: new Date(oldest + 7 * 86_400_000).toISOString() },
    ]);

    const decision = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'SMS' })).data!.customer.contactability;
    expect(decision.allowed).toBe(false);
    expect(decision.reasons.map((r: { code: string; policy: string }) => `${r.code}:${r.policy}`)).toEqual(['CAP_REACHED:marketing-24h', 'CAP_REACHED:sms-24h']);
  });

  it('grants exactly 3 of 200 concurrent reservations racing through the gateway for 3 slots', async () => {
    const id = freshCustomer();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(id, i % 2 ? 'EMAIL' : 'SMS', `race-${i}`)));
    const payloads = answers.map((a) => a.data!.reserveTouch);
    // One SMS a day: at most one of the three winners is an SMS.
    expect(payloads.filter((p) => p.granted)).toHaveLength(3);
    expect(payloads.filter((p) => p.granted && p.reservation.channel === 'SMS').length).toBeLessThanOrEqual(1);
    expect(await countOf(id)).toBe(3);
  });

  it('grants a repeated idempotency key once and returns the original reservation', async () => {
    const id = freshCustomer();
    const first = (await reserve(id, 'EMAIL', 'same-key')).data!.reserveTouch;
    const replays = await Promise.all(Array.from({ length: 5 }, () => reserve(id, 'EMAIL', 'same-key')));
    for (const r of replays) {
      expect(r.data!.reserveTouch).toMatchObject({ granted: true, replayed: true, decision: null, reservation: first.reservation });
    }
    expect(await countOf(id)).toBe(1);
    const reused = await reserve(id, 'SMS', 'same-key');
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idempotencyKey', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countOf(id)).toBe(1);
  });

  it('confirms a send and releases a slot that will not be used', async () => {
    const id = freshCustomer();
    const a = (await reserve(id, 'EMAIL', 'a')).data!.reserveTouch.reservation;
    const b = (await reserve(id, 'EMAIL', 'b')).data!.reserveTouch.reservation;
    const confirm = `mutation($id: ID!) { confirmTouch(reservationId: $id) { id status confirmedAt } }`;
    const release = `mutation($id: ID!) { releaseTouch(reservationId: $id) { id status } }`;
    const confirmed = (await gql(hub.gatewayUrl, confirm, { id: a.id })).data!.confirmTouch;
    expect(confirmed).toMatchObject({ id: a.id, status: 'CONFIRMED' });
    expect((await gql(hub.gatewayUrl, release, { id: b.id })).data!.releaseTouch).toEqual({ id: b.id, status: 'RELEASED' });
    const email = (await frequencyOf(id)).channels.find((c: { channel: string }) => c.channel === 'EMAIL');
    expect(email).toEqual({ channel: 'EMAIL', sent: 1, reserved: 0, estimated: 0, total: 1 });

    const releaseConfirmed = await gql(hub.gatewayUrl, release, { id: a.id });
    expect(releaseConfirmed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESERVATION_CONFIRMED' });
    const unknown = await gql(hub.gatewayUrl, confirm, { id: 'rsv_nothing' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_RESERVATION' });
  });

  it('counts a vendor send reported through the TouchSink, and confirms the reservation it fulfils', async () => {
    const id = freshCustomer();
    const r = (await reserve(id, 'EMAIL', 'sink', 'klaviyo-campaign-7')).data!.reserveTouch.reservation;
    await hub.stores.touches.recordTouches(id, [
      {
        id: 'klaviyo:evt-sent-1',
        source: 'klaviyo',
        channel: 'EMAIL',
        type: 'EMAIL_SENT',
        occurredAt: new Date().toISOString(),
        identities: [{ kind: 'KLAVIYO', value: 'k-sink' }],
        summary: 'Email sent',
        details: { kind: 'message', campaignId: 'klaviyo-campaign-7' },
      },
    ]);
    const email = (await frequencyOf(id)).channels.find((c: { channel: string }) => c.channel === 'EMAIL');
    expect(email).toEqual({ channel: 'EMAIL', sent: 1, reserved: 0, estimated: 0, total: 1 });
    expect((await hub.stores.touches.getReservation(r.id))?.status).toBe('CONFIRMED');
  });

  it('refuses on consent, denied or unknown, naming each topic, and reserves nothing', async () => {
    const id = freshCustomer();
    await state(hub, id, { EMAIL_MARKETING: 'DENIED', AD_USER_DATA: 'UNKNOWN' });
    const email = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'EMAIL' })).data!.customer.contactability;
    expect(email).toMatchObject({ channel: 'EMAIL', allowed: false, reasons: [{ code: 'CONSENT_DENIED', consentTopic: 'EMAIL_MARKETING' }] });
    const ads = (await reserve(id, 'PAID_SOCIAL', 'ads')).data!.reserveTouch;
    expect(ads.granted).toBe(false);
    expect(ads.decision.reasons).toEqual([expect.objectContaining({ code: 'CONSENT_UNKNOWN', consentTopic: 'AD_USER_DATA' })]);
    expect(await countOf(id)).toBe(0);
  });

  it('follows an opt-out made through updateConsent at once: the next decision and reservation refuse', async () => {
    const id = freshCustomer();
    const before = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'SMS' })).data!.customer.contactability;
    expect(before).toMatchObject({ allowed: true, reasons: [] });
    const optOut = await gql(
      hub.gatewayUrl,
      `mutation($input: UpdateConsentInput!) { updateConsent(input: $input) { consent { topic status } } }`,
      { input: { customerId: id, topic: 'SMS_MARKETING', status: 'DENIED', method: 'PREFERENCE_PAGE' } },
    );
    expect(optOut.data!.updateConsent.consent).toEqual({ topic: 'SMS_MARKETING', status: 'DENIED' });
    const after = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'SMS' })).data!.customer.contactability;
    expect(after.reasons).toEqual([expect.objectContaining({ code: 'CONSENT_DENIED', consentTopic: 'SMS_MARKETING' })]);
    expect((await reserve(id, 'SMS', 'after-opt-out')).data!.reserveTouch).toMatchObject({ granted: false, reservation: null });
    expect(await countOf(id)).toBe(0);
  });

  it('forgets an erased customer’s touches, reservations and time zone', async () => {
    const id = freshCustomer();
    const r = (await reserve(id, 'EMAIL', 'before-erasure')).data!.reserveTouch.reservation;
    await hub.stores.timeZones.setTimeZone(id, 'Europe/Paris');
    const erased = await gql(hub.gatewayUrl, `mutation($id: ID!) { eraseCustomer(id: $id) { propagation { id } } }`, { id });
    expect(erased.errors).toBeUndefined();
    expect(await hub.stores.touches.touches(id)).toEqual([]);
    expect(await hub.stores.touches.getReservation(r.id)).toBeUndefined();
    expect(await hub.stores.timeZones.timeZoneOf(id)).toBeUndefined();
    const again = await reserve(id, 'EMAIL', 'after-erasure');
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CUSTOMER' });
  });

  it('holds quiet hours in the customer’s zone: the default zone is quiet now, a stated zone 13 hours away is not', async () => {
    const id = freshCustomer();
    const quiet = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'PUSH' })).data!.customer.contactability;
    expect(quiet).toMatchObject({ allowed: false, timeZone: QUIET_ZONE, timeZoneSource: 'DEFAULT' });
    expect(quiet.reasons).toHaveLength(1);
    expect(quiet.reasons[0]).toMatchObject({ code: 'QUIET_HOURS' });
    const until = Date.parse(quiet.reasons[0].until);
    expect(until).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-US', { timeZone: QUIET_ZONE, minute: 'numeric' }).format(until)).toBe('0');
    const refused = (await reserve(id, 'PUSH', 'night')).data!.reserveTouch;
    expect(refused).toMatchObject({ granted: false, reservation: null });
    expect(await countOf(id)).toBe(0);

    await hub.stores.timeZones.setTimeZone(id, 'America/New_York');
    const awake = (await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'PUSH' })).data!.customer.contactability;
    expect(awake).toMatchObject({ allowed: true, timeZone: 'America/New_York', timeZoneSource: 'PROFILE', reasons: [] });
    expect((await reserve(id, 'PUSH', 'day')).data!.reserveTouch.granted).toBe(true);
  });

  it('answers UNKNOWN_CUSTOMER for an id nobody has, asked by id', async () => {
    const byId = `query($id: ID!) { contactability(customerId: $id, channel: EMAIL) { allowed timeZone reasons { code } } }`;
    const unknown = await gql(hub.gatewayUrl, byId, { id: 'cus_does_not_exist' });
    expect(unknown.data!.contactability).toEqual({ allowed: false, timeZone: null, reasons: [{ code: 'UNKNOWN_CUSTOMER' }] });
    const known = await gql(hub.gatewayUrl, byId, { id: freshCustomer() });
    expect(known.data!.contactability).toEqual({ allowed: true, timeZone: QUIET_ZONE, reasons: [] });
  });

  it('refuses bad input with BAD_USER_INPUT and reserves nothing', async () => {
    const id = freshCustomer();
    const unknown = await reserve('cus_does_not_exist', 'EMAIL', 'k');
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'customerId', reason: 'UNKNOWN_CUSTOMER' });
    const notOutbound = await reserve(id, 'COMMERCE', 'k');
    expect(notOutbound.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'channel' });
    const emptyKey = await reserve(id, 'EMAIL', '   ');
    expect(emptyKey.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idempotencyKey' });
    const emptyCampaign = await reserve(id, 'EMAIL', 'k', '');
    expect(emptyCampaign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'campaignId' });
    const codedBefore = await metric(hub.gatewayUrl, 'hub_gateway_errors_total', { client: 'hub_demo_internal', code: 'BAD_USER_INPUT' });
    const badChannel = await reserve(id, 'CARRIER_PIGEON', 'k');
    expect(badChannel.errors![0]!.message).toMatch(/"CARRIER_PIGEON" does not exist in "Channel" enum/);
    expect(badChannel.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badChannel.data ?? null).toBeNull();
    expect(await metric(hub.gatewayUrl, 'hub_gateway_errors_total', { client: 'hub_demo_internal', code: 'BAD_USER_INPUT' })).toBe(codedBefore + 1);
    expect(await countOf(id)).toBe(0);
    expect(await hub.stores.touches.findByIdempotencyKey(id, 'k')).toBeUndefined();
  });

  it('refuses callers without frequency:write at the gateway, and the subgraph re-checks', async () => {
    const id = freshCustomer();
    const partner = await reserve(id, 'EMAIL', 'partner', 'cmp', PARTNER_CLIENT);
    expect(partner.status).toBe(403);
    expect(partner.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_ONLY');
    const readonly = await reserve(id, 'EMAIL', 'readonly', 'cmp', NO_SCOPES);
    expect(readonly.status).toBe(403);
    expect(readonly.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', field: 'Mutation.reserveTouch' });
    // Reads stay open to it: contactability is not a write.
    const read = await gql(hub.gatewayUrl, CONTACTABILITY, { id, channel: 'EMAIL' }, NO_SCOPES);
    expect(read.data!.customer.contactability.allowed).toBe(true);
    // A signed call that carries no caller scopes (as if the gateway check were skipped).
    const direct = await subgraphPost(hub, 'customer', { query: RESERVE, variables: { customerId: id, channel: 'EMAIL', campaignId: 'cmp', key: 'direct' } });
    const body = (await direct.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(await countOf(id)).toBe(0);
  });

  it('answers the README reserveTouch example: an SMS already sent today refuses the next one', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const document = /<!-- readme-example:reserve-touch -->\n```graphql\n([\s\S]*?)```/.exec(readme)![1]!;
    const sentAt = new Date(Date.now() - 3_600_000).toISOString();
    await hub.stores.touches.recordTouches(README_CUSTOMER, [
      { id: 'klaviyo:readme-sms', source: 'klaviyo', channel: 'SMS', type: 'SMS_SENT', occurredAt: sentAt, identities: [{ kind: 'KLAVIYO', value: 'k-readme' }], summary: 'SMS sent', details: { kind: 'message' } },
    ]);
    const answer = (await gql(hub.gatewayUrl, document)).data!.reserveTouch;
    expect(answer).toMatchObject({ granted: false, replayed: false, reservation: null, decision: { allowed: false } });
    // This hub keeps quiet hours for PUSH only, so the README's second reason does not apply here.
    expect(answer.decision.reasons).toEqual([
      { code: 'CAP_REACHED', policy: 'sms-24h', resetsAt: new Date(Date.parse(sentAt) + 86_400_000).toISOString(), until: null, consentTopic: null },
    ]);
  });
});
