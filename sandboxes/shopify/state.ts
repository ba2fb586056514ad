/** The Shopify store the sandbox serves, built from the demo world. */
import type { DemoOrder, DemoWorld } from '../demo-world/world.js';

export interface ShopifyCustomerRecord {
  legacyId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  state: 'ENABLED' | 'DISABLED' | 'INVITED' | 'DECLINED';
  createdAt: string;
  updatedAt: string;
  orders: DemoOrder[];
}

export interface ShopifyState {
  shopDomain: string;
  customers: Map<string, ShopifyCustomerRecord>;
}

export const customerGid = (legacyId: string) => `gid://shopify/Customer/${legacyId}`;
export const orderGid = (legacyId: string) => `gid://shopify/Order/${legacyId}`;

export function buildShopifyState(world: DemoWorld): ShopifyState {
  const state: ShopifyState = { shopDomain: 'hub-demo.myshopify.com', customers: new Map() };
  for (const person of world.people) {
    const facet = person.shopify;
    if (!facet) continue;
    state.customers.set(facet.customerId, {
      legacyId: facet.customerId,
      firstName: person.firstName,
      lastName: person.lastName,
      // Shopify keeps what the customer typed, minus surrounding spaces.
      email: facet.email.trim(),
      phone: facet.phone ?? null,
      tags: facet.tags,
      state: 'ENABLED',
      createdAt: facet.createdAt,
      updatedAt: facet.updatedAt,
      orders: facet.orders,
    });
  }
  return state;
}
