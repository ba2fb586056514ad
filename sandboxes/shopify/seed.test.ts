import { describe, expect, it } from 'vitest';
import { generateWorld } from '../demo-world/generate.js';
import { buildShopifyState } from './seed.js';

describe('Shopify store seeded from the demo world', () => {
  const world = generateWorld({ seed: 42, people: 400 });
  const state = buildShopifyState(world);
  const shoppers = world.people.filter((p) => p.shopify);

  it('holds exactly the people the world gives a Shopify account, with their orders and checkouts', () => {
    expect(state.customers.size).toBe(shoppers.length);
    for (const person of shoppers) {
      const customer = state.customers.get(person.shopify!.customerId)!;
      expect(customer.orderIds).toEqual(person.shopify!.orders.map((o) => o.id));
      expect(customer.checkoutIds).toEqual(person.shopify!.abandonedCheckouts.map((c) => c.id));
      expect(customer.email).toBe(person.shopify!.email.trim());
    }
  });

  it('is the same store for the same seed, and a different one for another seed', () => {
    const again = buildShopifyState(generateWorld({ seed: 42, people: 400 }));
    expect([...again.customers.values()]).toEqual([...state.customers.values()]);
    const other = buildShopifyState(generateWorld({ seed: 7, people: 400 }));
    expect([...other.customers.values()].map((c) => c.address?.address1)).not.toEqual([...state.customers.values()].map((c) => c.address?.address1));
  });

  it('keeps a person’s Shopify-only data when the world grows (per-person forks)', () => {
    const bigger = buildShopifyState(generateWorld({ seed: 42, people: 600 }));
    for (const [id, customer] of state.customers) expect(bigger.customers.get(id)).toEqual(customer);
  });

  it('reflects each person’s consent truth in Shopify’s vocabulary, with PENDING and INVALID cases', () => {
    const allowed: Record<string, string[]> = {
      SUBSCRIBED: ['SUBSCRIBED', 'PENDING', 'INVALID'],
      UNSUBSCRIBED: ['UNSUBSCRIBED', 'INVALID'],
      NEVER_SUBSCRIBED: ['NOT_SUBSCRIBED', 'INVALID'],
    };
    const smsAllowed: Record<string, string[]> = {
      SUBSCRIBED: ['SUBSCRIBED', 'PENDING'],
      UNSUBSCRIBED: ['UNSUBSCRIBED'],
      NEVER_SUBSCRIBED: ['NOT_SUBSCRIBED'],
    };
    const seen = new Set<string>();
    for (const person of shoppers) {
      const customer = state.customers.get(person.shopify!.customerId)!;
      expect(allowed[person.consent.email]).toContain(customer.emailConsent!.state);
      seen.add(`email:${customer.emailConsent!.state}`);
      if (person.shopify!.phone) {
        expect(smsAllowed[person.consent.sms]).toContain(customer.smsConsent!.state);
        seen.add(`sms:${customer.smsConsent!.state}`);
      } else {
        expect(customer.smsConsent).toBeNull();
      }
      if (person.consent.email === 'SUBSCRIBED' && customer.emailConsent!.state === 'PENDING') {
        expect(person.consent.emailMethod).toBe('DOUBLE_OPT_IN');
      }
    }
    for (const state of ['SUBSCRIBED', 'PENDING', 'UNSUBSCRIBED', 'NOT_SUBSCRIBED', 'INVALID']) expect(seen).toContain(`email:${state}`);
    for (const state of ['SUBSCRIBED', 'PENDING', 'UNSUBSCRIBED', 'NOT_SUBSCRIBED']) expect(seen).toContain(`sms:${state}`);
  });

  it('gives every customer a US default address drawn from the sandbox’s own fork', () => {
    for (const customer of state.customers.values()) {
      expect(customer.address).toMatchObject({ countryCode: 'US', country: 'United States' });
      expect(customer.address!.zip).toMatch(/^\d{5}$/);
    }
  });
});
