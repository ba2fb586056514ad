/** The Klaviyo account the sandbox serves, built from the demo world. */
import type { DemoWorld } from '../demo-world/world.js';

export interface KlaviyoProfileRecord {
  id: string;
  email: string | null;
  phoneNumber: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  created: string;
  updated: string;
  timezone: string | null;
}

export interface KlaviyoState {
  profiles: Map<string, KlaviyoProfileRecord>;
}

export function buildKlaviyoState(world: DemoWorld): KlaviyoState {
  const state: KlaviyoState = { profiles: new Map() };
  for (const person of world.people) {
    const facet = person.klaviyo;
    if (!facet) continue;
    state.profiles.set(facet.profileId, {
      id: facet.profileId,
      // Klaviyo stores the address trimmed; the case stays as the person typed it.
      email: facet.email.trim(),
      phoneNumber: facet.phoneNumber ?? null,
      externalId: null,
      firstName: person.firstName,
      lastName: person.lastName,
      created: facet.createdAt,
      updated: facet.updatedAt,
      timezone: person.timeZone,
    });
  }
  return state;
}
