/**
 * `Customer.shopify` through the gateway of a whole hub: content, one Shopify call per read for
 * many customers, no call on a warm cache, a fresh call after a webhook's changed records drop
 * the cache, and cache hints for the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { ORDER_LINE_ITEMS_BY_IDS } from '../../connectors/shopify/queries.js';
import { estimateQueryCost, itemsPerQuery } from '../../connectors/shopify/query-cost.js';
import { createShopifyWebhookHandler } from '../../connectors/shopify/webhooks/handler.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { ShopifySandbox } from '../../sandboxes/shopify/app.js';
import { gql, startTestHub, subgraphPost } from '../../test/support/hub.js';

let hub: RunningHub;
let sandbox: ShopifySandbox;
let sandboxUrl: string;
const SAM_EMAIL = 'sam.silva1@mail.example';
const SAM = 'gid://shopify/Customer/7000000000001';

beforeAll(async () => {
  hub = await startTestHub();
  const running = hub.sandboxes.find((s) => s.vendor === 'shopify')!;
  sandbox = running.sandbox as ShopifySandbox;
  sandboxUrl = running.url;
});
afterAll(async () => hub?.close());

const SHOPIFY_FIELDS = `shopify {
  id legacyId numberOfOrders tags state
  amountSpent { amount currencyCode }
  email
  defaultAddress { address1 city provinceCode countryCode zip }
  emailMarketing { state optInLevel updatedAt }
  smsMarketing { state }
  orders(first: 5) { nodes { name processedAt total { amount currencyCode } itemCount lineItems { title sku quantity unitPrice { amount } } } pageInfo { hasNextPage endCursor } }
  abandonedCheckouts { createdAt completedAt recovered recoveryUrl total { amount } lineItems { sku quantity } }
}`;
const ONE = `query($email: String!) { customer(email: $email) { id ${SHOPIFY_FIELDS} } }`;
const MANY = `{ customers(first: 50) { edges { node { id ${SHOPIFY_FIELDS} } } } }`;

const resetCounts = () => {
  sandbox.calls.clear();
  sandbox.operations.clear();
};
const operations = () => Object.fromEntries(sandbox.operations);

describe('Customer.shopify through the gateway', () => {
  it('answers the customer’s Shopify view: roll-ups, address, consent, orders with lines, checkouts with recovery URLs', async () => {
    const { data, errors } = await gql(hub.gatewayUrl, ONE, { email: SAM_EMAIL });
    expect(errors).toBeUndefined();
    const stored = sandbox.state.customers.get('7000000000001')!;
    const shopify = data!.customer.shopify;
    expect(shopify).toMatchObject({
      id: SAM,
      legacyId: '7000000000001',
      numberOfOrders: 2,
      amountSpent: { amount: '147.00', currencyCode: 'USD' },
      email: stored.email,
      defaultAddress: { address1: stored.address!.address1, city: stored.address!.city, countryCode: 'US', zip: stored.address!.zip },
      emailMarketing: { state: stored.emailConsent!.state },
    });
    const orders = stored.orderIds.map((id) => sandbox.state.orders.get(id)!).reverse();
    expect(shopify.orders.nodes.map((o: { name: string }) => o.name)).toEqual(orders.map((o) => o.name));
    expect(shopify.orders.nodes[0].lineItems.map((li: { sku: string }) => li.sku)).toEqual(orders[0]!.lineItems.map((li) => li.sku));
    expect(shopify.orders.pageInfo.hasNextPage).toBe(false);
    const checkouts = stored.checkoutIds.map((id) => sandbox.state.checkouts.get(id)!);
    expect(shopify.abandonedCheckouts).toHaveLength(checkouts.length);
    for (const checkout of shopify.abandonedCheckouts) expect(checkout.recoveryUrl).toMatch(/^https:\/\/hub-demo\.myshopify\.com\/\d+\/checkouts\/[0-9a-f]+\/recover\?key=/);
  });

  it('costs one Shopify call per read for fifty customers, and none on a warm cache', async () => {
    await hub.cache.delete(
      ...[...sandbox.state.customers.keys()].flatMap((id) =>
        ['customer', 'customer-orders', 'customer-checkouts'].map((entity) => cacheKeyOf({ vendor: 'shopify', entity, id: `gid://shopify/Customer/${id}` })),
      ),
      ...[...sandbox.state.orders.keys()].map((id) => cacheKeyOf({ vendor: 'shopify', entity: 'order-line-items', id: `gid://shopify/Order/${id}` })),
    );
    resetCounts();
    const cold = await gql(hub.gatewayUrl, MANY);
    expect(cold.errors).toBeUndefined();
    const held = cold.data!.customers.edges.filter((e: { node: { shopify: unknown } }) => e.node.shopify);
    expect(held.length).toBe(sandbox.state.customers.size);
    // Line items multiply a query's cost: they fill as few calls as Shopify's 1000-point limit allows.
    const ordersShown = held.reduce((n: number, e: { node: { shopify: { orders: { nodes: unknown[] } } } }) => n + e.node.shopify.orders.nodes.length, 0);
    const linesPerCall = itemsPerQuery(estimateQueryCost(ORDER_LINE_ITEMS_BY_IDS, { ids: ['x'], first: 10 }));
    expect(operations()).toEqual({
      CustomersById: 1,
      CustomerOrdersById: 1,
      OrderLineItemsById: Math.ceil(ordersShown / linesPerCall),
      CheckoutsByNewest: 1,
    });

    resetCounts();
    const warm = await gql(hub.gatewayUrl, MANY);
    expect(warm.data).toEqual(cold.data);
    expect(sandbox.calls.size).toBe(0);
  });

  it('reads Shopify again once a webhook’s changed records drop the cached reads', async () => {
    await gql(hub.gatewayUrl, ONE, { email: SAM_EMAIL });
    const placed = await fetch(`${sandboxUrl}/__sandbox/actions/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: SAM, lineItems: [{ sku: 'MUG-CER-01', title: 'Ceramic mug', quantity: 1, unitPrice: '18.00' }] }),
    });
    expect(placed.status).toBe(201);
    // What ingest does with the delivery: verify, map, drop what changed.
    const delivery = sandbox.webhooks.deliveries().findLast((d) => d.topic === 'orders/create')!;
    const handler = createShopifyWebhookHandler({ secret: SANDBOX_CREDENTIALS.shopify.webhookSecret });
    const request = {
      method: 'POST',
      url: delivery.url,
      headers: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v])),
      rawBody: Buffer.from(delivery.body),
      query: {},
    };
    expect(handler.verify(request)).toEqual({ ok: true });
    const batch = await handler.toBatch(request);
    await hub.cache.delete(...batch.changed.map(cacheKeyOf));

    resetCounts();
    const { data } = await gql(hub.gatewayUrl, ONE, { email: SAM_EMAIL });
    expect(data!.customer.shopify.numberOfOrders).toBe(3);
    expect(data!.customer.shopify.orders.nodes[0].lineItems).toEqual([{ title: 'Ceramic mug', sku: 'MUG-CER-01', quantity: 1, unitPrice: { amount: '18.00' } }]);
    expect(operations()).toMatchObject({ CustomersById: 1, CustomerOrdersById: 1 });
    expect(operations()).not.toHaveProperty('CheckoutsByNewest');
  });

  it('pages a customer’s orders with the cursor it returns', async () => {
    const first = await gql(hub.gatewayUrl, `query($email: String!) { customer(email: $email) { shopify { orders(first: 1) { nodes { name } pageInfo { hasNextPage endCursor } } } } }`, { email: SAM_EMAIL });
    const page = first.data!.customer.shopify.orders;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await gql(hub.gatewayUrl, `query($email: String!, $after: String) { customer(email: $email) { shopify { orders(first: 1, after: $after) { nodes { name } } } } }`, {
      email: SAM_EMAIL,
      after: page.pageInfo.endCursor,
    });
    expect(second.data!.customer.shopify.orders.nodes[0].name).not.toBe(page.nodes[0].name);
  });

  it('refuses a page size that would make the Shopify query too expensive', async () => {
    const { data, errors } = await gql(hub.gatewayUrl, `query($email: String!) { customer(email: $email) { id shopify { id orders(first: 500) { nodes { name } } } } }`, { email: SAM_EMAIL });
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(data!.customer.shopify.id).toBe(SAM);
    expect(data!.customer.shopify.orders).toBeNull();
  });

  it('tells the gateway how long the answer may be cached, privately', async () => {
    // Signed as the gateway signs: subgraphs refuse anything else.
    const response = await subgraphPost(hub, 'shopify', {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { shopify { id numberOfOrders } } } }',
      variables: { r: [{ __typename: 'Customer', id: 'cus_x', identities: [{ kind: 'SHOPIFY', value: SAM }] }] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('turns only the Shopify field into null with UPSTREAM_UNAVAILABLE when Shopify is down', async () => {
    await hub.cache.delete(cacheKeyOf({ vendor: 'shopify', entity: 'customer', id: SAM }));
    sandbox.controls.outage = true;
    try {
      const { status, data, errors } = await gql(hub.gatewayUrl, `query($email: String!) { customer(email: $email) { id hubspot { id } shopify { id } } }`, { email: SAM_EMAIL });
      expect(status).toBe(200);
      expect(data!.customer.id).toMatch(/^cus_/);
      expect(data!.customer.hubspot.id).toBeTruthy();
      expect(data!.customer.shopify).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ path: ['customer', 'shopify'], extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', vendor: 'shopify' }) })]);
    } finally {
      sandbox.controls.outage = false;
    }
  });
});
