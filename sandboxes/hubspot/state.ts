/**
 * The HubSpot portal the sandbox serves, built from the demo world. HubSpot stores contact
 * properties as strings and lower-cases the email property.
 */
import type { DemoWorld } from '../demo-world/world.js';

export interface HubSpotContactRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface HubSpotState {
  portalId: number;
  contacts: Map<string, HubSpotContactRecord>;
  /** Lower-cased email → contact id (the index behind `idProperty=email`). */
  contactIdByEmail: Map<string, string>;
}

export function buildHubSpotState(world: DemoWorld): HubSpotState {
  const state: HubSpotState = { portalId: 62515, contacts: new Map(), contactIdByEmail: new Map() };
  for (const person of world.people) {
    const facet = person.hubspot;
    if (!facet) continue;
    const email = facet.email.trim().toLowerCase();
    state.contacts.set(facet.contactId, {
      id: facet.contactId,
      createdAt: facet.createdAt,
      updatedAt: facet.updatedAt,
      archived: false,
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
      },
    });
    state.contactIdByEmail.set(email, facet.contactId);
  }
  return state;
}
