/**
 * The pure mappers: fixtures in Klaviyo's shapes → exact unified records; then every event and
 * profile the sandbox serves, read through the client over HTTP, mapped and schema-checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../config/sandbox-credentials.js';
import { listeningKlaviyoSandbox } from '../../../sandboxes/klaviyo/testing.js';
import { ConsentRecordSchema } from '../../unified/consent.js';
import { UnifiedEventSchema } from '../../unified/event.js';
import { createKlaviyoClient } from '../client.js';
import type { KlaviyoEventRecord, KlaviyoProfile } from '../schemas.js';
import { consentRecordFromEvent, consentRecordsFromProfile } from './to-consent-records.js';
import { toIdentityObservation } from './to-identity-observation.js';
import { toUnifiedEvent } from './to-unified-event.js';

const PROFILE_ID = '01JQQMAVYCFHENBBRX328BG81B';
const profile = (subscriptions?: unknown): KlaviyoProfile =>
  ({
    type: 'profile',
    id: PROFILE_ID,
    attributes: {
      email: ' Sam.Silva1@Mail.Example ',
      phone_number: '+15035554498',
      first_name: 'Sam',
      last_name: 'Silva',
      created: '2025-03-01T10:00:00+00:00',
      updated: '2026-09-01T16:35:39+00:00',
      subscriptions,
    },
  }) as KlaviyoProfile;
const record = (metric: string, properties: Record<string, unknown>, withProfile = true, integration?: string): KlaviyoEventRecord => ({
  event: {
    type: 'event',
    id: 'AbC123xYz789',
    attributes: { timestamp: 1790000000, datetime: '2026-09-21T14:13:20+00:00', uuid: 'u', event_properties: properties },
    relationships: { profile: { data: { type: 'profile', id: PROFILE_ID } }, metric: { data: { type: 'metric', id: 'M1' } } },
  },
  metric: { type: 'metric', id: 'M1', attributes: { name: metric, ...(integration ? { integration: { key: integration } } : {}) } },
  profile: withProfile ? profile() : undefined,
});
const IDENTITIES = [
  { kind: 'KLAVIYO', value: PROFILE_ID },
  { kind: 'EMAIL', value: 'sam.silva1@mail.example' },
  { kind: 'PHONE', value: '+15035554498' },
];
const EMAIL = { Subject: 'New arrivals: picked for you', 'Campaign Name': 'New arrivals 2026-09-21', $message: '01JMSG', 'Email Domain': 'mail.example' };
const AT = '2026-09-21T14:13:20.000Z';

describe('Klaviyo events → unified events', () => {
  it('maps Received Email to EMAIL_SENT, the outbound touch', () => {
    expect(toUnifiedEvent(record('Received Email', EMAIL))).toStrictEqual({
      id: 'klaviyo:AbC123xYz789',
      source: 'klaviyo',
      occurredAt: AT,
      identities: IDENTITIES,
      channel: 'EMAIL',
      type: 'EMAIL_SENT',
      summary: 'Email sent: New arrivals 2026-09-21',
      details: { kind: 'message', messageId: '01JMSG', campaignName: 'New arrivals 2026-09-21', subject: 'New arrivals: picked for you' },
    });
  });

  it('maps opens and clicks (with the link) to engagement events', () => {
    expect(toUnifiedEvent(record('Opened Email', EMAIL))).toMatchObject({ channel: 'EMAIL', type: 'EMAIL_OPENED', summary: 'Email opened: New arrivals 2026-09-21' });
    expect(toUnifiedEvent(record('Clicked Email', { ...EMAIL, URL: 'https://shop.example/sale' }))).toMatchObject({
      type: 'EMAIL_CLICKED',
      details: { kind: 'message', url: 'https://shop.example/sale' },
    });
    expect(toUnifiedEvent(record('Bounced Email', { 'Bounce Type': 'hard' }))).toMatchObject({ type: 'EMAIL_BOUNCED', summary: 'Email bounced' });
  });

  it('maps Received SMS to SMS_SENT, and never the inbound "Sent SMS"', () => {
    expect(toUnifiedEvent(record('Received SMS', { 'Campaign Name': 'Flash sale', $message: '01JSMS', 'Message Body': 'Flash sale! Reply STOP' }))).toStrictEqual({
      id: 'klaviyo:AbC123xYz789',
      source: 'klaviyo',
      occurredAt: AT,
      identities: IDENTITIES,
      channel: 'SMS',
      type: 'SMS_SENT',
      summary: 'SMS sent: Flash sale',
      details: { kind: 'message', messageId: '01JSMS', campaignName: 'Flash sale' },
    });
    expect(toUnifiedEvent(record('Sent SMS', { 'Message Body': 'JOIN' }))).toBeUndefined();
  });

  it('leaves out the orders and checkouts Klaviyo mirrors from Shopify (the hub reads them from Shopify: one purchase, one event)', () => {
    expect(toUnifiedEvent(record('Placed Order', { $event_id: '5000000010', $value: 147 }, true, 'shopify'))).toBeUndefined();
    expect(toUnifiedEvent(record('Started Checkout', { $event_id: '30000000011', $value: 56 }, true, 'shopify'))).toBeUndefined();
  });

  it('maps a Placed Order and Started Checkout tracked by Klaviyo itself (API, other stores)', () => {
    const order = record('Placed Order', {
      $event_id: '5000000010',
      $value: 147,
      $currency_code: 'USD',
      Items: ['Organic tee', 'Grey hoodie'],
      'Item Count': 3,
      $extra: { name: '#1011', landing_site: '/?gclid=Cj0', line_items: [] },
    });
    expect(toUnifiedEvent(order)).toStrictEqual({
      id: 'klaviyo:AbC123xYz789',
      source: 'klaviyo',
      occurredAt: AT,
      identities: IDENTITIES,
      channel: 'COMMERCE',
      type: 'ORDER_PLACED',
      summary: 'Order #1011 placed: 147.00 USD',
      details: { kind: 'order', orderId: '5000000010', orderName: '#1011', total: { amount: '147.00', currencyCode: 'USD' }, itemCount: 3, landingSite: '/?gclid=Cj0' },
    });
    const checkout = record('Started Checkout', { $event_id: '30000000011', $value: 56, $extra: { token: 'ab', responsive_checkout_url: 'https://shop.example/checkouts/ab/recover' } });
    expect(toUnifiedEvent(checkout)).toMatchObject({
      channel: 'COMMERCE',
      type: 'CHECKOUT_STARTED',
      summary: 'Checkout started: 56.00 USD',
      details: { kind: 'checkout', checkoutId: '30000000011', total: { amount: '56.00', currencyCode: 'USD' }, recoveryUrl: 'https://shop.example/checkouts/ab/recover' },
    });
  });

  it('maps consent metrics to timeline events and consent records', () => {
    const unsubscribed = record('Unsubscribed from Email Marketing', { Method: 'EMAIL_UNSUBSCRIBE' });
    expect(toUnifiedEvent(unsubscribed)).toMatchObject({ channel: 'EMAIL', type: 'EMAIL_UNSUBSCRIBED', details: { kind: 'consent', topic: 'EMAIL_MARKETING', status: 'DENIED' } });
    expect(consentRecordFromEvent(unsubscribed)).toStrictEqual({
      id: `klaviyo:${PROFILE_ID}:EMAIL_MARKETING:${AT}`,
      topic: 'EMAIL_MARKETING',
      status: 'DENIED',
      source: 'klaviyo',
      occurredAt: AT,
      method: 'UNSUBSCRIBE_LINK',
      evidence: { 'klaviyo.metric': 'Unsubscribed from Email Marketing', 'klaviyo.event_id': 'AbC123xYz789', 'klaviyo.method': 'EMAIL_UNSUBSCRIBE' },
      identities: IDENTITIES,
    });
    expect(consentRecordFromEvent(record('Subscribed to SMS Marketing', { Method: 'TEXT', Keyword: 'JOIN' }))).toMatchObject({ topic: 'SMS_MARKETING', status: 'GRANTED', method: 'SMS_KEYWORD_JOIN' });
    expect(toUnifiedEvent(record('Unsubscribed from SMS Marketing', { Method: 'TEXT', Keyword: 'STOP' }))).toMatchObject({ channel: 'SMS', type: 'SMS_UNSUBSCRIBED' });
    expect(consentRecordFromEvent(record('Received Email', EMAIL))).toBeUndefined();
  });

  it('identifies the person by the Klaviyo id alone when the profile was not included', () => {
    expect(toUnifiedEvent(record('Received Email', EMAIL, false))?.identities).toEqual([{ kind: 'KLAVIYO', value: PROFILE_ID }]);
  });

  it('ignores metrics the timeline does not show', () => {
    expect(toUnifiedEvent(record('Viewed Product', {}))).toBeUndefined();
  });
});

describe('Klaviyo profiles → consent records and identity observations', () => {
  it('maps a double opt-in subscription and SMS by keyword', () => {
    const records = consentRecordsFromProfile(
      profile({
        email: { marketing: { can_receive_email_marketing: true, consent: 'SUBSCRIBED', consent_timestamp: '2026-05-01T12:00:00+00:00', method: 'FORM', method_detail: 'Newsletter signup form', double_optin: true, suppression: [], list_suppressions: [] } },
        sms: { marketing: { can_receive_sms_marketing: true, consent: 'SUBSCRIBED', consent_timestamp: '2026-06-01T08:00:00+00:00', method: 'TEXT', method_detail: 'JOIN' } },
      }),
    );
    expect(records).toStrictEqual([
      {
        id: `klaviyo:${PROFILE_ID}:EMAIL_MARKETING:2026-05-01T12:00:00.000Z`,
        topic: 'EMAIL_MARKETING',
        status: 'GRANTED',
        source: 'klaviyo',
        occurredAt: '2026-05-01T12:00:00.000Z',
        method: 'DOUBLE_OPT_IN',
        evidence: {
          'klaviyo.consent': 'SUBSCRIBED',
          'klaviyo.can_receive_email_marketing': 'true',
          'klaviyo.method': 'FORM',
          'klaviyo.method_detail': 'Newsletter signup form',
          'klaviyo.double_optin': 'true',
        },
        identities: IDENTITIES,
      },
      {
        id: `klaviyo:${PROFILE_ID}:SMS_MARKETING:2026-06-01T08:00:00.000Z`,
        topic: 'SMS_MARKETING',
        status: 'GRANTED',
        source: 'klaviyo',
        occurredAt: '2026-06-01T08:00:00.000Z',
        method: 'SMS_KEYWORD_JOIN',
        evidence: { 'klaviyo.consent': 'SUBSCRIBED', 'klaviyo.can_receive_sms_marketing': 'true', 'klaviyo.method': 'TEXT', 'klaviyo.method_detail': 'JOIN' },
        identities: IDENTITIES,
      },
    ]);
  });

  it('reads every state: unsubscribed, never subscribed, and suppressions', () => {
    const email = (marketing: object) => consentRecordsFromProfile(profile({ email: { marketing } }))[0]!;
    expect(email({ can_receive_email_marketing: false, consent: 'UNSUBSCRIBED', consent_timestamp: '2026-02-01T00:00:00+00:00', method: 'PREFERENCE_PAGE', suppression: [{ reason: 'UNSUBSCRIBE', timestamp: '2026-02-01T00:00:00+00:00' }] })).toMatchObject({
      status: 'DENIED',
      method: 'PREFERENCE_PAGE',
      evidence: { 'klaviyo.suppression': 'UNSUBSCRIBE@2026-02-01T00:00:00+00:00' },
    });
    const never = email({ can_receive_email_marketing: true, consent: 'NEVER_SUBSCRIBED', consent_timestamp: null, method: null, suppression: [] });
    expect(never).toMatchObject({ status: 'UNKNOWN', occurredAt: '2025-03-01T10:00:00.000Z' });
    expect(never.method).toBeUndefined();
    // A spam complaint is an objection whatever the consent field says.
    expect(email({ can_receive_email_marketing: false, consent: 'NEVER_SUBSCRIBED', suppression: [{ reason: 'SPAM_COMPLAINT', timestamp: '2026-03-03T00:00:00+00:00' }] })).toMatchObject({
      status: 'DENIED',
      method: 'SPAM_COMPLAINT',
      occurredAt: '2026-03-03T00:00:00.000Z',
    });
    // A bounce is deliverability, not consent; a list suppression is per list.
    expect(
      email({
        can_receive_email_marketing: false,
        consent: 'SUBSCRIBED',
        consent_timestamp: '2026-01-01T00:00:00+00:00',
        method: 'API',
        suppression: [{ reason: 'HARD_BOUNCE', timestamp: '2026-01-05T00:00:00+00:00' }],
        list_suppressions: [{ list_id: 'Y6nRLr', reason: 'USER_SUPPRESSED', timestamp: '2026-01-06T00:00:00+00:00' }],
      }),
    ).toMatchObject({
      status: 'GRANTED',
      method: 'API',
      evidence: { 'klaviyo.can_receive_email_marketing': 'false', 'klaviyo.suppression': 'HARD_BOUNCE@2026-01-05T00:00:00+00:00', 'klaviyo.list_suppressions': 'Y6nRLr:USER_SUPPRESSED@2026-01-06T00:00:00+00:00' },
    });
    const sms = consentRecordsFromProfile(profile({ sms: { marketing: { can_receive_sms_marketing: false, consent: 'UNSUBSCRIBED', consent_timestamp: '2026-04-04T00:00:00+00:00', method: 'TEXT', method_detail: 'STOP' } } }));
    expect(sms).toMatchObject([{ topic: 'SMS_MARKETING', status: 'DENIED', method: 'SMS_KEYWORD_STOP' }]);
    expect(consentRecordsFromProfile(profile(undefined))).toEqual([]);
  });

  it('observes normalized identities with names as traits', () => {
    expect(toIdentityObservation(profile())).toStrictEqual({
      source: 'klaviyo',
      sourceRecordId: PROFILE_ID,
      observedAt: '2026-09-01T16:35:39.000Z',
      identities: IDENTITIES,
      traits: { firstName: 'Sam', lastName: 'Silva' },
    });
  });
});

describe('every event and profile the sandbox serves', () => {
  let sandbox: Awaited<ReturnType<typeof listeningKlaviyoSandbox>>;
  beforeAll(async () => {
    sandbox = await listeningKlaviyoSandbox({ people: 120 });
  });
  afterAll(async () => sandbox.close());

  it('maps to valid unified records, with no address or number in a summary', async () => {
    const client = createKlaviyoClient(
      { target: 'sandbox', baseUrl: sandbox.baseUrl, credential: SANDBOX_CREDENTIALS.klaviyo.token, webhookSecret: undefined, revision: '2026-07-15' },
      { timeoutMs: 5000 },
      { breaker: false },
    );
    const byMetric = new Map<string, Set<string>>();
    for await (const page of client.listEvents({ withProfiles: true })) {
      for (const r of page) {
        const name = r.metric!.attributes.name!;
        const event = toUnifiedEvent(r);
        if (event) {
          expect(UnifiedEventSchema.parse(event)).toEqual(event);
          expect(event.summary).not.toMatch(/@|\+1\d{10}/);
        }
        const consent = consentRecordFromEvent(r);
        if (consent) ConsentRecordSchema.parse(consent);
        byMetric.set(name, (byMetric.get(name) ?? new Set()).add(event?.type ?? 'IGNORED'));
      }
    }
    expect(Object.fromEntries([...byMetric].map(([k, v]) => [k, [...v]]))).toEqual({
      'Received Email': ['EMAIL_SENT'],
      'Opened Email': ['EMAIL_OPENED'],
      'Clicked Email': ['EMAIL_CLICKED'],
      'Bounced Email': ['EMAIL_BOUNCED'],
      'Received SMS': ['SMS_SENT'],
      'Sent SMS': ['IGNORED'],
      'Subscribed to Email Marketing': ['CONSENT_CHANGED'],
      'Unsubscribed from Email Marketing': ['EMAIL_UNSUBSCRIBED'],
      'Subscribed to SMS Marketing': ['CONSENT_CHANGED'],
      'Unsubscribed from SMS Marketing': ['SMS_UNSUBSCRIBED'],
      // The sandbox's Placed Order / Started Checkout come from its Shopify integration: Shopify reports them.
      'Placed Order': ['IGNORED'],
      'Started Checkout': ['IGNORED'],
    });
    const statuses = new Set<string>();
    for await (const page of client.listProfiles({ additional: ['subscriptions'] })) {
      for (const p of page) {
        for (const consent of consentRecordsFromProfile(p)) {
          ConsentRecordSchema.parse(consent);
          statuses.add(`${consent.topic}:${consent.status}:${consent.evidence['klaviyo.consent']}`);
        }
      }
    }
    for (const topic of ['EMAIL_MARKETING', 'SMS_MARKETING']) {
      expect(statuses).toContain(`${topic}:GRANTED:SUBSCRIBED`);
      expect(statuses).toContain(`${topic}:DENIED:UNSUBSCRIBED`);
      expect(statuses).toContain(`${topic}:UNKNOWN:NEVER_SUBSCRIBED`);
    }
    client.close();
  });
});
