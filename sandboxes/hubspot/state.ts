/**
 * The HubSpot portal the sandbox serves, built from the demo world: contacts (email lower-cased,
 * every property a string), their lifecycle history, deals, sales activity, associations and
 * email subscription statuses. Indexed so that 100,000 people load in seconds.
 */
import { createRandom } from '../demo-world/random.js';
import type { DemoWorld } from '../demo-world/world.js';
import { AssociationStore } from './association-store.js';
import { CrmObjectStore } from './object-store.js';
import { OBJECT_TYPES, type ObjectType } from './object-types.js';
import { lifecycleHistory, seedDeals, seedEngagements, type ContactSeed } from './seed-history.js';
import { optOutProperties, seedSubscriptions } from './seed-subscriptions.js';
import { SUBSCRIPTION_DEFINITIONS, SubscriptionStore } from './subscription-store.js';

export interface HubSpotState {
  portalId: number;
  /** The HubSpot app host record links point at (`app-eu1.hubspot.com` for EU portals). */
  uiDomain: string;
  timeZone: string;
  objects: Record<ObjectType, CrmObjectStore>;
  associations: AssociationStore;
  subscriptions: SubscriptionStore;
  /** Lower-cased email → contact id (the index behind `idProperty=email`). */
  contactIdByEmail: Map<string, string>;
}

export function emptyHubSpotState(): HubSpotState {
  return {
    portalId: 62515,
    uiDomain: 'app.hubspot.com',
    timeZone: 'US/Eastern',
    objects: Object.fromEntries(OBJECT_TYPES.map((t) => [t, new CrmObjectStore()])) as Record<ObjectType, CrmObjectStore>,
    associations: new AssociationStore(),
    subscriptions: new SubscriptionStore(),
    contactIdByEmail: new Map(),
  };
}

export function buildHubSpotState(world: DemoWorld): HubSpotState {
  const state = emptyHubSpotState();
  const now = Date.parse(world.now);
  const root = createRandom(world.seed);
  const definitionIds = SUBSCRIPTION_DEFINITIONS.map((d) => d.id);
  for (const person of world.people) {
    const facet = person.hubspot;
    if (!facet) continue;
    const email = facet.email.trim().toLowerCase();
    const random = root.fork(`hubspot:history:${facet.contactId}`);
    const seed: ContactSeed = {
      contactId: facet.contactId,
      ownerId: facet.ownerId,
      firstName: person.firstName,
      lastName: person.lastName,
      lifecycleStage: facet.lifecycleStage,
      createdAt: Date.parse(facet.createdAt),
      updatedAt: Date.parse(facet.updatedAt),
    };
    seedSubscriptions(random.fork('subscriptions'), state.subscriptions, email, person.consent, facet.lifecycleStage, facet.createdAt);
    state.objects.contacts.put({
      id: facet.contactId,
      createdAt: facet.createdAt,
      updatedAt: facet.updatedAt,
      archived: false,
      history: { lifecyclestage: lifecycleHistory(random.fork('lifecycle'), seed) },
      properties: {
        hs_object_id: facet.contactId,
        email,
        firstname: person.firstName,
        lastname: person.lastName,
        phone: facet.phone ?? null,
        lifecyclestage: facet.lifecycleStage,
        hs_lead_status: facet.leadStatus ?? null,
        hubspot_owner_id: facet.ownerId,
        hs_google_click_id: facet.googleClickId ?? null,
        createdate: facet.createdAt,
        lastmodifieddate: facet.updatedAt,
        ...optOutProperties(state.subscriptions, email, definitionIds),
      },
    });
    state.contactIdByEmail.set(email, facet.contactId);
    for (const deal of seedDeals(random.fork('deals'), seed, now)) {
      state.objects.deals.put(deal);
      state.associations.add('contacts', facet.contactId, 'deals', deal.id);
    }
    for (const { type, record } of seedEngagements(random.fork('engagements'), seed, now)) {
      state.objects[type].put(record);
      state.associations.add('contacts', facet.contactId, type, record.id);
    }
  }
  return state;
}
