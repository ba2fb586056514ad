/**
 * Every change the sandbox makes to its portal goes through here, so the side effects HubSpot
 * applies stay consistent: property history, the "last modified" property, the email index,
 * and the contact's opt-out properties when a subscription status changes.
 */
import type { CrmRecord } from './object-store.js';
import { LAST_MODIFIED_PROPERTY, type ObjectType } from './object-types.js';
import { optOutProperties } from './seed-subscriptions.js';
import type { HubSpotState } from './state.js';
import { SUBSCRIPTION_DEFINITIONS, type SubscriptionStatusRecord } from './subscription-store.js';

/** Properties whose past values the sandbox keeps (what `propertiesWithHistory` is used for). */
const TRACKED = new Set(['lifecyclestage', 'dealstage', 'hs_lead_status']);

export function setProperties(
  state: HubSpotState,
  type: ObjectType,
  record: CrmRecord,
  changes: Record<string, string | null>,
  at: string,
  sourceType = 'CRM_UI',
): void {
  for (const [name, value] of Object.entries(changes)) {
    if (record.properties[name] === value) continue;
    record.properties[name] = value;
    if (TRACKED.has(name) && value !== null) (record.history[name] ??= []).unshift({ value, timestamp: at, sourceType });
    if (type === 'contacts' && name === 'email' && value) state.contactIdByEmail.set(value, record.id);
  }
  touch(type, record, at);
  state.objects[type].reindex(record);
}

export function createRecord(
  state: HubSpotState,
  type: ObjectType,
  properties: Record<string, string | null>,
  at: string,
  associateWith?: { type: ObjectType; id: string },
): CrmRecord {
  const id = state.objects[type].nextId();
  const record: CrmRecord = { id, properties: { ...properties, hs_object_id: id }, history: {}, createdAt: at, updatedAt: at, archived: false };
  record.properties[type === 'contacts' ? 'createdate' : 'hs_createdate'] = at;
  for (const name of TRACKED) {
    const value = record.properties[name];
    if (value) record.history[name] = [{ value, timestamp: at, sourceType: 'CRM_UI' }];
  }
  touch(type, record, at);
  state.objects[type].put(record);
  if (type === 'contacts' && properties.email) state.contactIdByEmail.set(properties.email, id);
  if (associateWith) state.associations.add(type, id, associateWith.type, associateWith.id);
  return record;
}

/**
 * Sets one subscription status (undefined: back to NOT_SPECIFIED); subscribing lifts a portal-wide
 * opt-out. The contact, if any, gets its opt-out properties and modified date updated.
 */
export function setSubscriptionStatus(
  state: HubSpotState,
  email: string,
  subscriptionId: string,
  status: SubscriptionStatusRecord | undefined,
  at: string,
): void {
  state.subscriptions.set(email, subscriptionId, status);
  if (status?.state === 'SUBSCRIBED') state.subscriptions.clearOptOutOfAll(email);
  refreshOptOuts(state, email, at);
}

export function optOutOfAll(state: HubSpotState, email: string, at: string, source: string): void {
  state.subscriptions.optOutOfAll(email, at, source);
  refreshOptOuts(state, email, at);
}

/** GDPR delete: the contact, its associations, its email index entry and its subscription statuses are gone. */
export function gdprDeleteContact(state: HubSpotState, contactId: string): CrmRecord | undefined {
  const contact = state.objects.contacts.get(contactId);
  if (!contact) return undefined;
  state.objects.contacts.delete(contactId);
  state.associations.removeAll('contacts', contactId);
  const email = contact.properties.email;
  if (email) {
    state.contactIdByEmail.delete(email);
    state.subscriptions.forget(email);
  }
  return contact;
}

function refreshOptOuts(state: HubSpotState, email: string, at: string): void {
  const contactId = state.contactIdByEmail.get(email);
  const contact = contactId === undefined ? undefined : state.objects.contacts.get(contactId);
  if (!contact) return;
  const ids = SUBSCRIPTION_DEFINITIONS.map((d) => d.id);
  setProperties(state, 'contacts', contact, optOutProperties(state.subscriptions, email, ids), at, 'EMAIL');
}

function touch(type: ObjectType, record: CrmRecord, at: string): void {
  record.updatedAt = at;
  record.properties[LAST_MODIFIED_PROPERTY[type]] = at;
}
