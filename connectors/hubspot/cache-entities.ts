/**
 * The record kinds HubSpot reads are cached under (`cacheKeyOf({ vendor: 'hubspot', entity, id })`)
 * and that webhook mapping names in `changed`, so ingest drops exactly the entries a change affects.
 * A contact's associations are their own entries, keyed by the contact id.
 */
import type { ChangedRecord } from '../unified/batch.js';
import type { HubSpotEngagementType } from './schemas.js';

export const HUBSPOT_ENTITIES = {
  contact: 'contact',
  deal: 'deal',
  email: 'email',
  call: 'call',
  note: 'note',
  /** The deal ids associated with a contact. */
  contactDeals: 'contact-deals',
  /** The email, call or note ids associated with a contact. */
  contactEmails: 'contact-emails',
  contactCalls: 'contact-calls',
  contactNotes: 'contact-notes',
  /** A contact's email subscription statuses. */
  contactSubscriptions: 'contact-subscriptions',
} as const;

export const ENGAGEMENT_ENTITY: Record<HubSpotEngagementType, string> = { emails: 'email', calls: 'call', notes: 'note' };
export const CONTACT_ENGAGEMENTS_ENTITY: Record<HubSpotEngagementType, string> = {
  emails: HUBSPOT_ENTITIES.contactEmails,
  calls: HUBSPOT_ENTITIES.contactCalls,
  notes: HUBSPOT_ENTITIES.contactNotes,
};

export const changed = (entity: string, id: string): ChangedRecord => ({ vendor: 'hubspot', entity, id });

/** Every cached entry about one contact: what a deletion or erasure must drop. */
export const everythingAboutContact = (contactId: string): ChangedRecord[] =>
  [
    HUBSPOT_ENTITIES.contact,
    HUBSPOT_ENTITIES.contactDeals,
    HUBSPOT_ENTITIES.contactEmails,
    HUBSPOT_ENTITIES.contactCalls,
    HUBSPOT_ENTITIES.contactNotes,
    HUBSPOT_ENTITIES.contactSubscriptions,
  ].map((entity) => changed(entity, contactId));
