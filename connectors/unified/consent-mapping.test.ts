/**
 * Every consent state each vendor can report, and what the hub's ledger makes of it, in one
 * table per vendor. A state a vendor adds to its enum fails the exhaustiveness check (`satisfies`)
 * until someone decides what it means. Every mapped record is checked against the unified schema.
 *
 * Ad consent (AD_USER_DATA, AD_PERSONALIZATION): neither Meta nor Google Ads holds a per-person
 * consent state the hub could read (Meta keeps none; Google takes consent with each upload), so
 * no vendor maps *into* those topics; the ledger holds them from `updateConsent` only, and the
 * write-back table at the end shows which vendor is told about which topic.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { writeBacksOf } from '../../ingest/consent-outbox.js';
import { MemoryAudienceLedger } from '../../profile/audiences/memory-audience-ledger.js';
import { createConnectors } from '../create-connectors.js';
import { marketingSubscriptions, optOutChangeToConsent, statusesToConsent } from '../hubspot/mappers/to-consent.js';
import { LEGAL_BASES, type PublicStatus, type SubscriptionDefinition } from '../hubspot/schemas.js';
import { METRIC_KINDS } from '../klaviyo/mappers/metric-kinds.js';
import { consentRecordFromEvent, consentRecordsFromProfile } from '../klaviyo/mappers/to-consent-records.js';
import type { KlaviyoConsentState, KlaviyoEventRecord, KlaviyoProfile } from '../klaviyo/schemas.js';
import { toConsentRecord } from '../shopify/mappers/to-consent.js';
import { EMAIL_MARKETING_STATES, SMS_MARKETING_STATES, type EmailMarketingState, type SmsMarketingState } from '../shopify/schemas.js';
import { LEGAL_BASES as HUB_LEGAL_BASES } from '../../subgraphs/customer/update-consent-input.js';
import { ConsentRecordSchema, type ConsentRecord, type ConsentStatus } from './consent.js';

const valid = (record: ConsentRecord | undefined): ConsentRecord => ConsentRecordSchema.parse(record);

describe('Shopify marketing states', () => {
  const EMAIL = {
    SUBSCRIBED: 'GRANTED',
    UNSUBSCRIBED: 'DENIED',
    // Erased at the person's request: never contact again.
    REDACTED: 'DENIED',
    // Double opt-in not confirmed: not (yet) a grant.
    PENDING: 'UNKNOWN',
    // Never asked: Shopify's default, not a choice.
    NOT_SUBSCRIBED: 'UNKNOWN',
    // The address bounces: deliverability, not the person's choice.
    INVALID: 'UNKNOWN',
  } as const satisfies Record<EmailMarketingState, ConsentStatus>;
  const SMS = { SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', REDACTED: 'DENIED', PENDING: 'UNKNOWN', NOT_SUBSCRIBED: 'UNKNOWN' } as const satisfies Record<SmsMarketingState, ConsentStatus>;
  const facts = (channel: 'email' | 'sms', state: string, optInLevel: string | null = null) => ({
    customerId: '7000000000001',
    channel,
    address: channel === 'email' ? 'sam@mail.example' : '+15035554498',
    state,
    optInLevel,
    updatedAt: '2026-10-01T10:00:00Z',
    collectedFrom: channel === 'sms' ? 'SHOPIFY' : null,
    since: '2026-01-01T00:00:00Z',
  });

  it.each([...EMAIL_MARKETING_STATES.map((s) => ['email', s, EMAIL[s]] as const), ...SMS_MARKETING_STATES.map((s) => ['sms', s, SMS[s]] as const)])(
    '%s %s → %s, the state kept as evidence (any letter case)',
    (channel, state, status) => {
      for (const spelled of [state, state.toLowerCase()]) {
        const record = valid(toConsentRecord(facts(channel, spelled)));
        expect(record).toMatchObject({ topic: channel === 'email' ? 'EMAIL_MARKETING' : 'SMS_MARKETING', status, source: 'shopify' });
        expect(record.evidence['shopify.marketingState']).toBe(state);
      }
    },
  );

  it.each([
    ['SINGLE_OPT_IN', 'SINGLE_OPT_IN'],
    ['CONFIRMED_OPT_IN', 'DOUBLE_OPT_IN'],
    ['UNKNOWN', undefined],
  ])('opt-in level %s → method %s', (level, method) => {
    const record = valid(toConsentRecord(facts('email', 'SUBSCRIBED', level)));
    expect(record.method).toBe(method);
    expect(record.evidence['shopify.marketingOptInLevel']).toBe(level);
  });
});

describe('HubSpot subscription statuses and legal bases', () => {
  const definitions: SubscriptionDefinition[] = [
    { id: '11', name: 'Marketing Information', purpose: 'Marketing', isActive: true, isDefault: true, isInternal: false },
    { id: '12', name: 'Monthly Newsletter', purpose: 'Marketing', isActive: true, isDefault: false, isInternal: false },
  ];
  const marketing = marketingSubscriptions(definitions);
  const identities = [{ kind: 'HUBSPOT' as const, value: '101' }];
  const STATUS = { SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', NOT_SPECIFIED: 'UNKNOWN' } as const satisfies Record<PublicStatus['status'], ConsentStatus>;
  const status = (state: PublicStatus['status'], legalBasis?: string): PublicStatus => ({
    subscriberIdString: 'sam@mail.example',
    subscriptionId: '11',
    channel: 'EMAIL',
    status: state,
    source: 'Self Service Resubscription',
    timestamp: '2026-10-01T10:00:00Z',
    ...(legalBasis ? { legalBasis, legalBasisExplanation: 'asked at signup' } : {}),
  });

  const cases = (Object.keys(STATUS) as PublicStatus['status'][]).flatMap((s) => [undefined, ...LEGAL_BASES].map((basis) => [s, basis ?? '(none)', STATUS[s]] as const));
  it.each(cases)('%s with legal basis %s → %s, the basis kept verbatim', (state, basis, expected) => {
    const legalBasis = basis === '(none)' ? undefined : basis;
    const [record] = statusesToConsent(identities, '101', [status(state, legalBasis)], marketing);
    expect(valid(record)).toMatchObject({ topic: 'EMAIL_MARKETING', status: expected, source: 'hubspot', method: 'PREFERENCE_PAGE' });
    expect(record!.legalBasis).toBe(legalBasis);
    expect(record!.evidence['hubspot.status']).toBe(state);
  });

  it('accepts in `updateConsent` exactly the legal bases HubSpot records', () => {
    expect([...HUB_LEGAL_BASES].sort()).toEqual([...LEGAL_BASES].sort());
  });

  it.each([
    ['hs_email_optout', 'true', 'DENIED'],
    ['hs_email_optout', 'false', undefined],
    ['hs_email_optout_11', 'true', 'DENIED'],
    ['hs_email_optout_11', 'false', 'GRANTED'],
    ['hs_email_optout_11', '', 'UNKNOWN'],
    ['hs_email_optout_12', 'true', undefined],
  ])('opt-out property %s = "%s" → %s', (property, value, expected) => {
    const records = optOutChangeToConsent(identities, '101', property, value, '2026-10-01T10:00:00Z', marketing, 'EMAIL');
    // Leaving "unsubscribe from all" and a newsletter opt-out say nothing about marketing email as a whole.
    expect(records.map((r) => valid(r).status)).toEqual(expected ? [expected] : []);
  });
});

describe('Klaviyo subscription states', () => {
  const profile = (subscriptions: unknown): KlaviyoProfile =>
    ({
      type: 'profile',
      id: '01JQQMAVYCFHENBBRX328BG81B',
      attributes: { email: 'sam@mail.example', phone_number: '+15035554498', first_name: null, last_name: null, created: '2025-03-01T10:00:00+00:00', updated: '2026-09-01T16:35:39+00:00', subscriptions },
    }) as KlaviyoProfile;
  const CONSENT = { SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', NEVER_SUBSCRIBED: 'UNKNOWN' } as const satisfies Record<KlaviyoConsentState, ConsentStatus>;
  /** Suppressions: an objection (spam complaint, unsubscribe) is DENIED whatever the consent says; bounces keep the status. */
  const SUPPRESSION: Record<string, ConsentStatus | 'keep'> = { SPAM_COMPLAINT: 'DENIED', UNSUBSCRIBE: 'DENIED', HARD_BOUNCE: 'keep', INVALID_EMAIL: 'keep', USER_SUPPRESSED: 'keep' };
  const email = (consent: string, suppression: string[] = []) => ({
    email: {
      marketing: {
        can_receive_email_marketing: consent === 'SUBSCRIBED' && suppression.length === 0,
        consent,
        consent_timestamp: '2026-10-01T10:00:00+00:00',
        last_updated: '2026-10-01T10:00:00+00:00',
        method: 'PREFERENCE_PAGE',
        method_detail: null,
        custom_method_detail: null,
        double_optin: null,
        suppression: suppression.map((reason) => ({ reason, timestamp: '2026-10-02T10:00:00+00:00' })),
        list_suppressions: [],
      },
    },
  });

  const cases = (Object.keys(CONSENT) as KlaviyoConsentState[]).flatMap((consent) => [
    [consent, '(none)', CONSENT[consent]] as const,
    ...Object.entries(SUPPRESSION).map(([reason, effect]) => [consent, reason, effect === 'keep' ? CONSENT[consent] : effect] as const),
  ]);
  it.each(cases)('email %s, suppression %s → %s', (consent, reason, expected) => {
    const [record] = consentRecordsFromProfile(profile(email(consent, reason === '(none)' ? [] : [reason])));
    expect(valid(record)).toMatchObject({ topic: 'EMAIL_MARKETING', status: expected, source: 'klaviyo' });
    expect(record!.evidence['klaviyo.consent']).toBe(consent);
  });

  it.each(Object.entries(CONSENT))('sms %s → %s', (consent, expected) => {
    const sms = { sms: { marketing: { can_receive_sms_marketing: consent === 'SUBSCRIBED', consent, consent_timestamp: '2026-10-01T10:00:00+00:00', last_updated: null, method: 'TEXT', method_detail: 'JOIN' } } };
    const [record] = consentRecordsFromProfile(profile(sms));
    expect(valid(record)).toMatchObject({ topic: 'SMS_MARKETING', status: expected, method: 'SMS_KEYWORD_JOIN' });
  });

  it('maps a consent state Klaviyo does not document to UNKNOWN, kept verbatim', () => {
    const [record] = consentRecordsFromProfile(profile(email('SOMETHING_NEW')));
    expect(valid(record)).toMatchObject({ status: 'UNKNOWN', evidence: { 'klaviyo.consent': 'SOMETHING_NEW' } });
  });

  const consentMetrics = Object.entries(METRIC_KINDS).flatMap(([name, kind]) => (kind.kind === 'consent' ? [[name, kind.topic, kind.status] as const] : []));
  it.each(consentMetrics)('consent metric "%s" → %s %s', (metric, topic, status) => {
    const event: KlaviyoEventRecord = {
      event: {
        type: 'event',
        id: 'E1',
        attributes: { timestamp: 1790000000, datetime: '2026-09-21T14:13:20+00:00', uuid: 'u', event_properties: {} },
        relationships: { profile: { data: { type: 'profile', id: '01JQQMAVYCFHENBBRX328BG81B' } }, metric: { data: { type: 'metric', id: 'M1' } } },
      },
      metric: { type: 'metric', id: 'M1', attributes: { name: metric } },
      profile: undefined,
    } as KlaviyoEventRecord;
    expect(valid(consentRecordFromEvent(event))).toMatchObject({ topic, status, source: 'klaviyo' });
  });
});

describe('which vendor hears of which topic (write-back)', () => {
  it('tells HubSpot of email, Shopify and Klaviyo of email and SMS, Meta and Google Ads of ad consent', () => {
    const connectors = createConnectors(loadConfig({}), { audiences: new MemoryAudienceLedger() });
    try {
      expect(Object.fromEntries(writeBacksOf(connectors).map((w) => [w.vendor, [...w.topics].sort()]))).toEqual({
        hubspot: ['EMAIL_MARKETING'],
        shopify: ['EMAIL_MARKETING', 'SMS_MARKETING'],
        klaviyo: ['EMAIL_MARKETING', 'SMS_MARKETING'],
        meta: ['AD_PERSONALIZATION', 'AD_USER_DATA'],
        'google-ads': ['AD_PERSONALIZATION', 'AD_USER_DATA'],
      });
    } finally {
      connectors.hubspot.client.close();
      connectors.shopify.client.close();
      connectors.klaviyo.client.close();
    }
  });
});
