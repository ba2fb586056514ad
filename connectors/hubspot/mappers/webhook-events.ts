/**
 * A verified HubSpot webhook delivery as unified records. Pure: the handler first reads what the
 * events only reference (the contact behind an id, an email's subject, a deal's contacts) and
 * passes it in as `WebhookContext`. Legacy (`contact.*`, `deal.*`) and generic (`object.*` with an
 * `objectTypeId`) subscription types map alike.
 * @see https://developers.hubspot.com/docs/api/webhooks#webhook-payloads
 */
import { emptyBatch, type ChangedRecord, type UnifiedBatch } from '../../unified/batch.js';
import type { Identity } from '../../unified/identity.js';
import { normalizeEmail } from '../../unified/normalize.js';
import { CONTACT_ENGAGEMENTS_ENTITY, changed, ENGAGEMENT_ENTITY, everythingAboutContact, HUBSPOT_ENTITIES } from '../cache-entities.js';
import { OBJECT_TYPE_IDS, type HubSpotEngagementType, type HubSpotObject, type HubSpotObjectType, type HubSpotWebhookEvent } from '../schemas.js';
import { optOutChangeToConsent, type MarketingSubscriptions } from './to-consent.js';
import { toIdentityObservation } from './to-identity-observation.js';
import { contactCreatedEvent, dealStageEvents, engagementToEvents, lifecycleStageEvent, unsubscribedEvent } from './to-unified-event.js';

export interface WebhookContext {
  /** Contacts the events name, read after the change (deleted ones are absent). */
  contacts: ReadonlyMap<string, HubSpotObject>;
  /** Engagements created, by type and id. */
  engagements: ReadonlyMap<HubSpotEngagementType, ReadonlyMap<string, HubSpotObject>>;
  /** Contact ids associated with a deal or engagement, keyed `{type}:{id}`. */
  contactsOf: ReadonlyMap<string, readonly string[]>;
  /** Needed only when a delivery carries opt-out changes. */
  marketing?: MarketingSubscriptions | undefined;
}

export type WebhookAction = 'creation' | 'deletion' | 'propertyChange' | 'privacyDeletion' | 'merge' | 'associationChange' | 'restore';

/** `contact.propertyChange` and `object.propertyChange` + `0-1` both read as contacts/propertyChange. */
export function classifyEvent(event: HubSpotWebhookEvent): { type: HubSpotObjectType | undefined; action: string } {
  const [prefix = '', action = ''] = event.subscriptionType.split('.');
  if (prefix === 'object') {
    const type = (Object.entries(OBJECT_TYPE_IDS) as [HubSpotObjectType, string][]).find(([, id]) => id === event.objectTypeId)?.[0];
    return { type, action };
  }
  const type = ({ contact: 'contacts', deal: 'deals' } as Record<string, HubSpotObjectType>)[prefix];
  return { type, action };
}

const IDENTITY_PROPERTIES = new Set(['email', 'phone', 'hs_google_click_id', 'firstname', 'lastname']);
const ENGAGEMENTS = new Set<HubSpotObjectType>(['emails', 'calls', 'notes']);

export function mapWebhookEvents(events: readonly HubSpotWebhookEvent[], context: WebhookContext): UnifiedBatch {
  const batch = emptyBatch();
  const changedKeys = new Set<string>();
  const change = (...records: ChangedRecord[]) => {
    for (const r of records) {
      const key = `${r.entity}:${r.id}`;
      if (!changedKeys.has(key)) {
        changedKeys.add(key);
        batch.changed.push(r);
      }
    }
  };
  const observed = new Set<string>();
  const observe = (contactId: string) => {
    const contact = context.contacts.get(contactId);
    if (contact && !observed.has(contactId)) {
      observed.add(contactId);
      batch.observations.push(toIdentityObservation(contact));
    }
  };
  const identitiesOf = (contactId: string): Identity[] => {
    const email = normalizeEmail(context.contacts.get(contactId)?.properties.email);
    return [{ kind: 'HUBSPOT', value: contactId }, ...(email ? [{ kind: 'EMAIL' as const, value: email }] : [])];
  };

  for (const event of events) {
    const { type, action } = classifyEvent(event);
    const at = new Date(event.occurredAt).toISOString();
    const id = event.objectId === undefined ? undefined : String(event.objectId);

    if (type === 'contacts') {
      if (action === 'associationChange') {
        const from = event.fromObjectId ?? event.objectId;
        if (from !== undefined) change(...everythingAboutContact(String(from)).filter((r) => r.entity !== HUBSPOT_ENTITIES.contactSubscriptions));
        continue;
      }
      if (action === 'merge') {
        for (const merged of [event.primaryObjectId, ...(event.mergedObjectIds ?? [])]) if (merged !== undefined) change(...everythingAboutContact(String(merged)));
        if (event.primaryObjectId !== undefined) observe(String(event.primaryObjectId));
        continue;
      }
      if (!id) continue;
      if (action === 'deletion' || action === 'privacyDeletion') {
        change(...everythingAboutContact(id));
        if (action === 'privacyDeletion') (batch.erasures ??= []).push({ vendor: 'hubspot', identities: [{ kind: 'HUBSPOT', value: id }] });
        continue;
      }
      change(changed(HUBSPOT_ENTITIES.contact, id));
      if (action === 'creation' || action === 'restore') {
        observe(id);
        const contact = context.contacts.get(id);
        const created = contact && contactCreatedEvent(contact, at);
        if (created) batch.events.push(created);
      } else if (action === 'propertyChange' && event.propertyName) {
        mapContactPropertyChange(event, id, at);
      }
      continue;
    }

    if (type === 'deals' && id) {
      change(changed(HUBSPOT_ENTITIES.deal, id));
      const contacts = context.contactsOf.get(`deals:${id}`) ?? [];
      if (action === 'creation' || action === 'deletion') for (const c of contacts) change(changed(HUBSPOT_ENTITIES.contactDeals, c));
      if (action === 'propertyChange' && event.propertyName === 'dealstage' && event.propertyValue) {
        batch.events.push(...dealStageEvents(id, event.propertyValue, at, contacts));
      }
      continue;
    }

    if (type && ENGAGEMENTS.has(type) && id) {
      const engagementType = type as HubSpotEngagementType;
      change(changed(ENGAGEMENT_ENTITY[engagementType], id));
      const contacts = context.contactsOf.get(`${type}:${id}`) ?? [];
      if (action === 'creation' || action === 'deletion') for (const c of contacts) change(changed(CONTACT_ENGAGEMENTS_ENTITY[engagementType], c));
      const record = context.engagements.get(engagementType)?.get(id);
      if (action === 'creation' && record) batch.events.push(...engagementToEvents(engagementType, record, contacts));
    }
  }
  return batch;

  function mapContactPropertyChange(event: HubSpotWebhookEvent, contactId: string, at: string): void {
    const name = event.propertyName!;
    if (name === 'lifecyclestage' && event.propertyValue) batch.events.push(lifecycleStageEvent(contactId, event.propertyValue, at));
    if (IDENTITY_PROPERTIES.has(name)) observe(contactId);
    if (name === 'hs_email_optout' || name.startsWith('hs_email_optout_')) {
      change(changed(HUBSPOT_ENTITIES.contactSubscriptions, contactId));
      const identities = identitiesOf(contactId);
      const marketing = context.marketing;
      if (marketing) batch.consents.push(...optOutChangeToConsent(identities, contactId, name, event.propertyValue, at, marketing, event.changeSource));
      if (event.propertyValue === 'true') {
        const subscriptionId = name === 'hs_email_optout' ? undefined : name.slice('hs_email_optout_'.length);
        const definition = subscriptionId === undefined ? undefined : marketing?.byId.get(subscriptionId);
        const wholeTopic = subscriptionId === undefined || subscriptionId === marketing?.primary?.id;
        batch.events.push(
          unsubscribedEvent(contactId, identities, { name: subscriptionId === undefined ? undefined : (definition?.name ?? `subscription ${subscriptionId}`), topic: wholeTopic ? 'EMAIL_MARKETING' : `EMAIL_SUBSCRIPTION:${subscriptionId}`, key: name }, at),
        );
      }
    }
  }
}
