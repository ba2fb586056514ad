import { describe, expect, it } from 'vitest';
import { generateWorld } from '../demo-world/generate.js';
import { buildHubSpotState, type HubSpotState } from './state.js';
import { MARKETING_SUBSCRIPTION_ID } from './subscription-store.js';

const world = generateWorld({ seed: 42, people: 200 });
const state = buildHubSpotState(world);
const held = world.people.filter((p) => p.hubspot);

const snapshot = (s: HubSpotState) =>
  Object.fromEntries(Object.entries(s.objects).map(([type, store]) => [type, [...store.all()]]));

describe('the HubSpot portal built from the demo world', () => {
  it('is the same for the same seed, different for another, and stable as the world grows', () => {
    expect(snapshot(buildHubSpotState(generateWorld({ seed: 42, people: 200 })))).toEqual(snapshot(state));
    expect(snapshot(buildHubSpotState(generateWorld({ seed: 43, people: 200 })))).not.toEqual(snapshot(state));
    const small = buildHubSpotState(generateWorld({ seed: 42, people: 50 }));
    for (const deal of small.objects.deals.all()) expect(state.objects.deals.get(deal.id)).toEqual(deal);
    for (const email of small.objects.emails.all()) expect(state.objects.emails.get(email.id)).toEqual(email);
  });

  it('holds one contact per person HubSpot knows, with the facet’s values', () => {
    expect(state.objects.contacts.size).toBe(held.length);
    for (const person of held) {
      const contact = state.objects.contacts.get(person.hubspot!.contactId)!;
      expect(contact.properties).toMatchObject({ email: person.email, lifecyclestage: person.hubspot!.lifecycleStage, hubspot_owner_id: person.hubspot!.ownerId });
    }
  });

  it('gives customers won deals and opportunities an open one, never a won deal to a non-customer', () => {
    for (const person of held) {
      const deals = state.associations.list('contacts', person.hubspot!.contactId, 'deals').map((t) => state.objects.deals.get(t.toObjectId)!);
      const stages = deals.map((d) => d.properties.dealstage);
      if (person.hubspot!.lifecycleStage === 'customer') expect(stages).toContain('closedwon');
      else expect(stages).not.toContain('closedwon');
      if (person.hubspot!.lifecycleStage === 'opportunity') expect(deals.some((d) => d.properties.hs_is_closed === 'false')).toBe(true);
      for (const deal of deals) {
        expect(deal.history.dealstage![0]!.value).toBe(deal.properties.dealstage);
        expect(deal.properties.hs_lastmodifieddate).toBe(deal.updatedAt);
      }
    }
  });

  it('reflects each person’s email consent truth in the marketing subscription status', () => {
    const seen = new Set<string>();
    for (const person of held) {
      const email = person.email;
      const status = state.subscriptions.get(email, MARKETING_SUBSCRIPTION_ID);
      const wide = state.subscriptions.optedOutOfAll(email);
      const contact = state.objects.contacts.get(person.hubspot!.contactId)!;
      switch (person.consent.email) {
        case 'SUBSCRIBED':
          expect(status).toMatchObject({ state: 'SUBSCRIBED', timestamp: person.consent.emailUpdatedAt, legalBasis: expect.any(String) });
          expect(wide).toBeUndefined();
          expect(contact.properties[`hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`]).toBe('false');
          break;
        case 'UNSUBSCRIBED':
          expect(status).toMatchObject({ state: 'UNSUBSCRIBED', timestamp: person.consent.emailUpdatedAt });
          expect(contact.properties[`hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`]).toBe('true');
          seen.add(wide ? 'unsubscribed from all' : 'unsubscribed');
          break;
        case 'NEVER_SUBSCRIBED':
          expect(status).toBeUndefined();
          expect(contact.properties[`hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`]).toBeNull();
      }
      seen.add(person.consent.email);
    }
    expect(seen).toEqual(new Set(['SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED', 'unsubscribed', 'unsubscribed from all']));
  });

  it('dates every engagement within the contact’s life and the world’s history', () => {
    for (const type of ['emails', 'calls', 'notes'] as const) {
      for (const record of state.objects[type].all()) {
        const [contact] = state.associations.list(type, record.id, 'contacts');
        const created = state.objects.contacts.get(contact!.toObjectId)!.createdAt;
        expect(record.properties.hs_timestamp! >= created && record.properties.hs_timestamp! <= world.now).toBe(true);
      }
    }
  });
});
