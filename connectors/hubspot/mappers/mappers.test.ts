import { describe, expect, it } from 'vitest';
import { ConsentRecordSchema } from '../../unified/consent.js';
import { UnifiedEventSchema } from '../../unified/event.js';
import type { HubSpotObject, HubSpotWebhookEvent, PublicStatus, SubscriptionDefinition } from '../schemas.js';
import { marketingSubscriptions, optOutChangeToConsent, statusesToConsent } from './to-consent.js';
import { dealHistoryEvents, engagementToEvents, lifecycleHistoryEvents } from './to-unified-event.js';
import { mapWebhookEvents } from './webhook-events.js';

const definitions: SubscriptionDefinition[] = [
  { id: '11', name: 'Marketing Information', purpose: 'Marketing', isActive: true, isDefault: true, isInternal: false },
  { id: '12', name: 'Monthly Newsletter', purpose: 'Marketing', isActive: true, isDefault: false, isInternal: false },
  { id: '13', name: 'One to One', purpose: 'Sales', isActive: true, isDefault: true, isInternal: false },
];
const marketing = marketingSubscriptions(definitions);
const identities = [{ kind: 'HUBSPOT' as const, value: '101' }, { kind: 'EMAIL' as const, value: 'a@example.com' }];
const object = (id: string, properties: Record<string, string | null>, extra: Partial<HubSpotObject> = {}): HubSpotObject => ({
  id,
  properties,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...extra,
});
const valid = <T>(events: T[]) => {
  for (const e of events) UnifiedEventSchema.parse(e);
  return events;
};

describe('marketing subscriptions', () => {
  it('takes the default marketing type as primary, every active marketing type for opt-outs', () => {
    expect(marketing.primary?.id).toBe('11');
    expect(marketing.all.map((d) => d.id)).toEqual(['11', '12']);
    expect(marketingSubscriptions(definitions.filter((d) => d.id !== '11')).primary?.id).toBe('12');
    expect(marketingSubscriptions([definitions[2]!]).primary).toBeUndefined();
  });
});

describe('statusesToConsent', () => {
  const status = (subscriptionId: string, value: PublicStatus['status'], extra: Partial<PublicStatus> = {}): PublicStatus => ({
    subscriberIdString: 'a@example.com',
    subscriptionId,
    channel: 'EMAIL',
    status: value,
    timestamp: '2026-03-04T05:06:07.000Z',
    ...extra,
  });

  it('maps every v4 state of the primary marketing type: SUBSCRIBED, UNSUBSCRIBED, NOT_SPECIFIED', () => {
    const granted = statusesToConsent(identities, '101', [status('11', 'SUBSCRIBED', { legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: 'Form', source: 'Form submission' })], marketing);
    expect(granted).toEqual([
      {
        id: 'hubspot:101:EMAIL_MARKETING:2026-03-04T05:06:07.000Z',
        topic: 'EMAIL_MARKETING',
        status: 'GRANTED',
        source: 'hubspot',
        occurredAt: '2026-03-04T05:06:07.000Z',
        method: 'FORM',
        legalBasis: 'CONSENT_WITH_NOTICE',
        evidence: {
          'hubspot.subscriptionId': '11',
          'hubspot.subscriptionName': 'Marketing Information',
          'hubspot.status': 'SUBSCRIBED',
          'hubspot.source': 'Form submission',
          'hubspot.legalBasisExplanation': 'Form',
        },
        identities,
      },
    ]);
    expect(statusesToConsent(identities, '101', [status('11', 'UNSUBSCRIBED', { source: 'Unsubscribe link' })], marketing)[0]).toMatchObject({ status: 'DENIED', method: 'UNSUBSCRIBE_LINK' });
    expect(statusesToConsent(identities, '101', [status('11', 'NOT_SPECIFIED')], marketing)[0]).toMatchObject({ status: 'UNKNOWN' });
    for (const record of granted) ConsentRecordSchema.parse(record);
  });

  it('says nothing from other types, or when the account has no marketing type', () => {
    expect(statusesToConsent(identities, '101', [status('12', 'UNSUBSCRIBED'), status('13', 'SUBSCRIBED')], marketing)).toEqual([]);
    expect(statusesToConsent(identities, '101', [status('11', 'SUBSCRIBED')], marketingSubscriptions([]))).toEqual([]);
  });
});

describe('optOutChangeToConsent', () => {
  const at = '2026-05-01T00:00:00.000Z';
  it('reads the primary type and the portal-wide opt-out as EMAIL_MARKETING, not a newsletter', () => {
    expect(optOutChangeToConsent(identities, '101', 'hs_email_optout_11', 'true', at, marketing, 'EMAIL')[0]).toMatchObject({ status: 'DENIED', method: 'UNSUBSCRIBE_LINK' });
    expect(optOutChangeToConsent(identities, '101', 'hs_email_optout_11', 'false', at, marketing, 'API')[0]).toMatchObject({ status: 'GRANTED', method: 'API' });
    expect(optOutChangeToConsent(identities, '101', 'hs_email_optout', 'true', at, marketing, 'EMAIL')[0]).toMatchObject({ status: 'DENIED' });
    expect(optOutChangeToConsent(identities, '101', 'hs_email_optout', 'false', at, marketing, 'API')).toEqual([]);
    expect(optOutChangeToConsent(identities, '101', 'hs_email_optout_12', 'true', at, marketing, 'EMAIL')).toEqual([]);
  });
});

describe('engagementToEvents', () => {
  it('reads incoming and undelivered emails, inbound calls, custom outcomes and notes', () => {
    const incoming = valid(engagementToEvents('emails', object('1', { hs_timestamp: '1767225600000', hs_email_direction: 'INCOMING_EMAIL', hs_email_subject: 'RE: quote' }), ['101']));
    expect(incoming[0]).toMatchObject({ id: 'hubspot:email:1:contact:101', summary: 'Sales email received', occurredAt: '2026-01-01T00:00:00.000Z', details: { direction: 'INBOUND' } });
    const bounced = engagementToEvents('emails', object('2', { hs_timestamp: '2026-01-01T00:00:00Z', hs_email_status: 'BOUNCED' }), ['101']);
    expect(bounced[0]!.summary).toBe('Sales email sent (not delivered)');
    const call = engagementToEvents('calls', object('3', { hs_timestamp: '2026-01-01T00:00:00Z', hs_call_direction: 'INBOUND', hs_call_disposition: 'custom-guid' }), ['101', '102']);
    expect(call.map((e) => [e.id, e.summary])).toEqual([
      ['hubspot:call:3:contact:101', 'Inbound sales call, other outcome'],
      ['hubspot:call:3:contact:102', 'Inbound sales call, other outcome'],
    ]);
    expect(engagementToEvents('notes', object('4', { hubspot_owner_id: '7' }), ['101'])[0]).toMatchObject({ type: 'SALES_NOTE', occurredAt: '2026-01-01T00:00:00.000Z', details: { ownerId: '7' } });
    expect(engagementToEvents('notes', object('5', {}), [])).toEqual([]);
  });
});

describe('history events', () => {
  it('turns lifecycle and deal stage history into one event per change, ids stable by time', () => {
    const contact = object('101', {}, { propertiesWithHistory: { lifecyclestage: [{ value: 'customer', timestamp: '2026-02-01T00:00:00.000Z' }, { value: 'lead', timestamp: '2026-01-01T00:00:00.000Z' }] } });
    expect(valid(lifecycleHistoryEvents(contact)).map((e) => e.id)).toEqual(['hubspot:contact:101:lifecyclestage:1769904000000', 'hubspot:contact:101:lifecyclestage:1767225600000']);
    const deal = object('9', {}, { propertiesWithHistory: { dealstage: [{ value: 'closedwon', timestamp: '2026-02-01T00:00:00.000Z' }] } });
    expect(valid(dealHistoryEvents(deal, ['101']))).toEqual([expect.objectContaining({ type: 'DEAL_STAGE_CHANGED', summary: 'Deal moved to Closed won', details: { kind: 'sales', engagementId: '9', dealId: '9', stage: 'closedwon' } })]);
  });
});

describe('mapWebhookEvents', () => {
  const event = (e: Partial<HubSpotWebhookEvent>): HubSpotWebhookEvent => ({ eventId: 1, subscriptionId: 1, portalId: 62515, occurredAt: 1767225600000, subscriptionType: 'contact.propertyChange', ...e });
  const empty = { contacts: new Map(), engagements: new Map(), contactsOf: new Map() };

  it('reads generic object.* events by objectTypeId like the legacy ones', () => {
    const batch = mapWebhookEvents([event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 101, propertyName: 'lifecyclestage', propertyValue: 'lead' })], empty);
    expect(batch.events[0]).toMatchObject({ type: 'LIFECYCLE_STAGE_CHANGED', identities: [{ kind: 'HUBSPOT', value: '101' }] });
  });

  it('drops every cached entry of a deleted or merged contact, and an association change drops the lists', () => {
    const deleted = mapWebhookEvents([event({ subscriptionType: 'contact.deletion', objectId: 101 })], empty);
    expect(deleted.changed).toHaveLength(6);
    expect(deleted.erasures).toBeUndefined();
    const merged = mapWebhookEvents([event({ subscriptionType: 'contact.merge', primaryObjectId: 101, mergedObjectIds: [102] })], empty);
    expect(new Set(merged.changed.map((c) => c.id))).toEqual(new Set(['101', '102']));
    const association = mapWebhookEvents([event({ subscriptionType: 'contact.associationChange', fromObjectId: 101, toObjectId: 9, associationType: 'CONTACT_TO_DEAL' })], empty);
    expect(association.changed.map((c) => c.entity)).not.toContain('contact-subscriptions');
    expect(association.changed.map((c) => c.entity)).toContain('contact-deals');
  });

  it('ignores subscription types it does not know, and changes nothing for them', () => {
    expect(mapWebhookEvents([event({ subscriptionType: 'company.creation', objectId: 5 })], empty)).toEqual({ observations: [], events: [], consents: [], changed: [] });
  });
});
