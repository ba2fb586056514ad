/**
 * The Shopify client against the sandbox over HTTP: batch reads for DataLoader (one call for many
 * customers), paging to the last page, and every document sized under Shopify's cost limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySandbox, type RunningShopify } from '../../test/support/shopify-sandbox.js';
import { normalizeEmail } from '../unified/normalize.js';
import type { ShopifyClient } from './client.js';
import { CUSTOMERS_PER_CALL } from './customer-reads.js';
import { pagesOf } from './paging.js';

let shop: RunningShopify;
let client: ShopifyClient;
const gid = (id: string) => `gid://shopify/Customer/${id}`;

beforeAll(async () => {
  // Throttling has its own tests (resilience.test.ts); here the bucket would only slow the suite down.
  shop = await startShopifySandbox({ people: 120, controls: { throttling: false } });
  client = shop.client();
});
afterAll(async () => shop?.close());

const shoppers = () => shop.world.people.filter((p) => p.shopify);
const resetCounts = () => shop.sandbox.operations.clear();

describe('Shopify client: customers', () => {
  it('reads many customers in one nodes(ids:) call, in the order asked, unknown ids as undefined', async () => {
    resetCounts();
    const people = shoppers();
    const ids = [...people.map((p) => gid(p.shopify!.customerId)), gid('1')];
    expect(ids.length).toBeLessThanOrEqual(CUSTOMERS_PER_CALL);
    const customers = await client.getCustomers(ids);
    expect(customers.map((c) => c?.id)).toEqual([...ids.slice(0, -1), undefined]);
    expect(shop.operations()).toEqual({ CustomersById: 1 });
    const first = customers[0]!;
    expect(first.defaultEmailAddress?.emailAddress).toBe(people[0]!.shopify!.email.trim());
    expect(first.amountSpent.amount).toMatch(/^\d+\.\d+$/);
  });

  it('splits a batch larger than one query can hold into as few calls as the cost limit allows', async () => {
    resetCounts();
    const ids = Array.from({ length: CUSTOMERS_PER_CALL + 5 }, (_, i) => gid(String(1_000 + i)));
    const customers = await client.getCustomers(ids);
    expect(customers).toHaveLength(ids.length);
    expect(shop.operations()).toEqual({ CustomersById: 2 });
  });

  it('finds customers by email however the address is spelled', async () => {
    const person = shoppers()[3]!;
    const found = await client.getCustomerByEmail(`  ${person.email.toUpperCase()} `);
    expect(found?.id).toBe(gid(person.shopify!.customerId));
    expect(await client.getCustomerByEmail('nobody@nowhere.example')).toBeUndefined();
  });

  it('pages through every customer to the last page, several pages', async () => {
    resetCounts();
    const seen: string[] = [];
    let pages = 0;
    for await (const page of pagesOf((after) => client.customersPage(null, after, 7))) {
      pages++;
      seen.push(...page.nodes.map((c) => c.id));
    }
    expect(pages).toBe(Math.ceil(shoppers().length / 7));
    expect(new Set(seen).size).toBe(shoppers().length);
    expect(shop.operations()).toEqual({ CustomersPage: pages });
  });
});

describe('Shopify client: orders and checkouts', () => {
  it('reads the first page of orders of many customers in one call, newest first', async () => {
    resetCounts();
    const people = shoppers().slice(0, 50);
    const pages = await client.getOrderPages(people.map((p) => ({ customerId: gid(p.shopify!.customerId), first: 2 })));
    expect(shop.operations()).toEqual({ CustomerOrdersById: 1 });
    people.forEach((person, i) => {
      const expected = [...person.shopify!.orders].reverse();
      expect(pages[i]!.nodes.map((o) => o.name)).toEqual(expected.slice(0, 2).map((o) => o.name));
      expect(pages[i]!.pageInfo.hasNextPage).toBe(expected.length > 2);
    });
  });

  it('follows one customer’s order cursor to the last page', async () => {
    const person = shoppers().find((p) => p.shopify!.orders.length >= 4)!;
    const customerId = gid(person.shopify!.customerId);
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const [page] = await client.getOrderPages([{ customerId, first: 1, after }]);
      names.push(...page!.nodes.map((o) => o.name));
      if (!page!.pageInfo.hasNextPage) break;
      after = page!.pageInfo.endCursor;
    }
    expect(names).toEqual([...person.shopify!.orders].reverse().map((o) => o.name));
  });

  it('reads the line items of many orders in one call', async () => {
    resetCounts();
    const orders = shoppers().flatMap((p) => p.shopify!.orders).slice(0, 40);
    const items = await client.getLineItems(orders.map((o) => `gid://shopify/Order/${o.id}`), 5);
    expect(shop.operations()).toEqual({ OrderLineItemsById: 1 });
    orders.forEach((order, i) => expect(items[i]!.lineItems.nodes.map((li) => li.sku)).toEqual(order.lineItems.map((li) => li.sku)));
  });

  it('finds each customer’s abandoned checkouts by email search, keeping only their own', async () => {
    resetCounts();
    const people = shoppers().slice(0, 40);
    const byCustomer = await client.getCheckoutsFor(people.map((p) => ({ customerId: gid(p.shopify!.customerId), email: p.shopify!.email })));
    expect(shop.operations()).toEqual({ CheckoutsByNewest: 1 });
    for (const person of people) {
      const found = byCustomer.get(gid(person.shopify!.customerId))!;
      expect(found.map((c) => c.abandonedCheckoutUrl.match(/checkouts\/(\w+)\//)![1]).sort()).toEqual(
        person.shopify!.abandonedCheckouts.map((c) => c.token).sort(),
      );
    }
  });

  it('gives customers without an email no checkouts, without asking Shopify', async () => {
    resetCounts();
    const result = await client.getCheckoutsFor([{ customerId: gid('5'), email: null }]);
    expect(result.get(gid('5'))).toEqual([]);
    expect(shop.operations()).toEqual({});
  });
});

describe('Shopify client: writes', () => {
  it('updates consent and reports user errors instead of throwing', async () => {
    const person = shoppers()[0]!;
    const ok = await client.updateEmailConsent(gid(person.shopify!.customerId), { marketingState: 'UNSUBSCRIBED', consentUpdatedAt: new Date().toISOString() });
    expect(ok.userErrors).toEqual([]);
    expect(shop.sandbox.state.customers.get(person.shopify!.customerId)!.emailConsent!.state).toBe('UNSUBSCRIBED');
    const missing = await client.updateEmailConsent(gid('1'), { marketingState: 'SUBSCRIBED', consentUpdatedAt: new Date().toISOString() });
    expect(missing.userErrors[0]).toMatchObject({ field: ['input', 'customerId'], code: 'INVALID' });
    expect(normalizeEmail(person.shopify!.email)).toBe(person.email);
  });
});
