import { describe, expect, it } from 'vitest';
import { ADMIN_PATH, createTestShopify, type Json } from './testing.js';

const shop = createTestShopify();
const { gql, world } = shop;
const shoppers = world.people.filter((p) => p.shopify);
const sam = world.people.find((p) => p.shopify?.customerId === '7000000000001')!;

describe('Shopify sandbox: auth and endpoint', () => {
  it('refuses a missing or wrong X-Shopify-Access-Token with 401 and Shopify’s body', async () => {
    const wrong = await gql('{ customers(first: 1) { nodes { id } } }', {}, 'shpat_wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    const none = await shop.sandbox.app.inject({ method: 'POST', url: ADMIN_PATH, payload: { query: '{ shop { id } }' } });
    expect(none.statusCode).toBe(401);
  });

  it('serves versioned paths only and echoes the version served', async () => {
    const bad = await shop.sandbox.app.inject({ method: 'POST', url: '/admin/api/latest/graphql.json', payload: {} });
    expect(bad.statusCode).toBe(404);
    const ok = await shop.sandbox.app.inject({
      method: 'POST',
      url: '/admin/api/2026-07/graphql.json',
      headers: { 'x-shopify-access-token': 'shpat_sandbox_shopify_access_token' },
      payload: { query: '{ customers(first: 1) { nodes { id } } }' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-shopify-api-version']).toBe('2026-07');
  });
});

describe('Shopify sandbox: customers', () => {
  const FIELDS = `id legacyResourceId firstName lastName displayName state tags numberOfOrders
    amountSpent { amount currencyCode }
    defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
    emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
    defaultAddress { address1 city provinceCode countryCodeV2 zip formattedArea }
    createdAt updatedAt`;

  it('reads a customer by GID with Shopify’s field shapes (UnsignedInt64 and Decimal as strings, DateTime in seconds)', async () => {
    const { body } = await gql(`query($id: ID!) { customer(id: $id) { ${FIELDS} } }`, { id: 'gid://shopify/Customer/7000000000001' });
    const customer = body.data.customer;
    expect(customer).toMatchObject({
      id: 'gid://shopify/Customer/7000000000001',
      legacyResourceId: '7000000000001',
      displayName: `${sam.firstName} ${sam.lastName}`,
      numberOfOrders: '2',
      amountSpent: { amount: '147.0', currencyCode: 'USD' },
      defaultEmailAddress: { emailAddress: sam.shopify!.email.trim() },
      defaultAddress: { countryCodeV2: 'US' },
    });
    expect(customer.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body.extensions.cost.requestedQueryCost).toBeGreaterThan(0);
  });

  it('answers null for an unknown or malformed id', async () => {
    const { body } = await gql('{ a: customer(id: "gid://shopify/Customer/1") { id } b: customer(id: "nope") { id } }');
    expect(body.data).toEqual({ a: null, b: null });
  });

  it('finds customers with the search syntax: email case-insensitively, phone, OR, negation, dates', async () => {
    const email = sam.shopify!.email.trim().toUpperCase();
    const byEmail = await gql('query($q: String) { customers(first: 5, query: $q) { nodes { id } } }', { q: `email:"${email}"` });
    expect(byEmail.body.data.customers.nodes).toEqual([{ id: 'gid://shopify/Customer/7000000000001' }]);

    const withPhone = shoppers.find((p) => p.shopify!.phone)!;
    const byPhone = await gql('query($q: String) { customers(first: 5, query: $q) { nodes { id } } }', { q: `phone:${withPhone.shopify!.phone}` });
    expect(byPhone.body.data.customers.nodes).toEqual([{ id: `gid://shopify/Customer/${withPhone.shopify!.customerId}` }]);

    const [a, b] = shoppers;
    const either = await gql('query($q: String) { customers(first: 5, query: $q) { nodes { id } } }', {
      q: `id:${a!.shopify!.customerId} OR id:${b!.shopify!.customerId}`,
    });
    expect(either.body.data.customers.nodes).toHaveLength(2);

    const cutoff = '2026-06-01T00:00:00Z';
    const recent = await gql('query($q: String) { customers(first: 250, query: $q) { nodes { updatedAt } } }', { q: `updated_at:>='${cutoff}'` });
    const expected = shoppers.filter((p) => p.shopify!.updatedAt >= cutoff).length;
    expect(recent.body.data.customers.nodes).toHaveLength(expected);
    const notRecent = await gql('query($q: String) { customers(first: 250, query: $q) { nodes { id } } }', { q: `-updated_at:>='${cutoff}'` });
    expect(notRecent.body.data.customers.nodes).toHaveLength(shoppers.length - expected);
  });

  it('orders a connection by sortKey, and reverse flips it', async () => {
    const { body } = await gql('{ customers(first: 250, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt } } }');
    const times: string[] = body.data.customers.nodes.map((n: Json) => n.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages forward with first/after to the last page, every customer exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body }: { body: Json } = await gql('query($after: String) { customers(first: 4, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }', { after });
      const page = body.data.customers;
      seen.push(...page.nodes.map((n: Json) => n.id));
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(shoppers.length / 4));
    expect(new Set(seen).size).toBe(shoppers.length);
  });

  it('pages backward with last/before', async () => {
    const all = (await gql('{ customers(first: 250) { edges { cursor node { id } } } }')).body.data.customers.edges;
    const { body } = await gql('query($before: String) { customers(last: 3, before: $before) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } }', {
      before: all[5].cursor,
    });
    expect(body.data.customers.nodes.map((n: Json) => n.id)).toEqual(all.slice(2, 5).map((e: Json) => e.node.id));
    expect(body.data.customers.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
  });

  it('refuses page sizes over 250, missing sizes, both sizes, and foreign cursors', async () => {
    for (const [args, message] of [
      ['first: 251', /invalid value \(251\)/],
      ['query: "email:x@example.com"', /you must provide one of first or last/],
      ['first: 1, last: 1', /both first and last/],
      ['first: 1, after: "bm90LWEtY3Vyc29y"', /Invalid cursor/],
    ] as const) {
      const { status, body } = await gql(`{ customers(${args}) { nodes { id } } }`);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_REQUEST' } });
    }
  });
});

describe('Shopify sandbox: orders', () => {
  const ORDER = `id name processedAt totalPriceSet { shopMoney { amount currencyCode } }
    lineItems(first: 10) { nodes { title sku quantity originalUnitPriceSet { shopMoney { amount } } } }
    customerJourneySummary { firstVisit { landingPage } }`;

  it('lists a customer’s orders newest first with line items, totals and landing pages', async () => {
    const person = shoppers.find((p) => p.shopify!.orders.some((o) => o.landingSite?.includes('gclid')))!;
    const { body } = await gql(`query($id: ID!) { customer(id: $id) { orders(first: 10, sortKey: PROCESSED_AT, reverse: true) { nodes { ${ORDER} } } } }`, {
      id: `gid://shopify/Customer/${person.shopify!.customerId}`,
    });
    const orders = body.data.customer.orders.nodes;
    const expected = [...person.shopify!.orders].reverse();
    expect(orders.map((o: Json) => o.name)).toEqual(expected.map((o) => o.name));
    orders.forEach((order: Json, i: number) => {
      const source = expected[i]!;
      expect(Number(order.totalPriceSet.shopMoney.amount)).toBe(Number(source.total));
      expect(order.lineItems.nodes.map((li: Json) => li.sku)).toEqual(source.lineItems.map((li) => li.sku));
      expect(order.customerJourneySummary.firstVisit?.landingPage ?? null).toBe(source.landingSite ? `https://hub-demo.myshopify.com${source.landingSite}` : null);
    });
  });

  it('searches all orders by customer_id and processed_at', async () => {
    const person = shoppers.find((p) => p.shopify!.orders.length >= 2)!;
    const since = person.shopify!.orders[1]!.createdAt;
    const { body } = await gql('query($q: String) { orders(first: 50, query: $q) { nodes { name } } }', {
      q: `customer_id:${person.shopify!.customerId} processed_at:>=${since}`,
    });
    expect(body.data.orders.nodes.map((o: Json) => o.name)).toEqual(person.shopify!.orders.slice(1).map((o) => o.name));
  });
});

describe('Shopify sandbox: abandoned checkouts', () => {
  const checkouts = shoppers.flatMap((p) => p.shopify!.abandonedCheckouts.map((c) => ({ ...c, customerId: p.shopify!.customerId })));

  it('lists every abandoned checkout with its recovery URL, customer and completion', async () => {
    const { body } = await gql('{ abandonedCheckouts(first: 80) { nodes { id abandonedCheckoutUrl completedAt customer { id } totalPriceSet { shopMoney { amount } } lineItems(first: 2) { nodes { sku quantity } } } } }');
    expect(checkouts.length).toBeLessThan(80);
    const nodes = body.data.abandonedCheckouts.nodes;
    expect(nodes).toHaveLength(checkouts.length);
    for (const checkout of checkouts) {
      const node = nodes.find((n: Json) => n.id === `gid://shopify/AbandonedCheckout/${checkout.id}`);
      expect(node.abandonedCheckoutUrl).toMatch(new RegExp(`^https://hub-demo\\.myshopify\\.com/\\d+/checkouts/${checkout.token}/recover\\?key=[0-9a-f]{32}$`));
      expect(node.customer.id).toBe(`gid://shopify/Customer/${checkout.customerId}`);
      expect(node.completedAt !== null).toBe(checkout.completedAt !== undefined);
    }
  });

  it('filters by recovery_state, status and created_at', async () => {
    const recovered = await gql('{ abandonedCheckouts(first: 250, query: "recovery_state:recovered") { nodes { completedAt } } }');
    expect(recovered.body.data.abandonedCheckouts.nodes).toHaveLength(checkouts.filter((c) => c.completedAt).length);
    const open = await gql('{ abandonedCheckouts(first: 250, query: "status:open") { nodes { completedAt } } }');
    expect(open.body.data.abandonedCheckouts.nodes.every((n: Json) => n.completedAt === null)).toBe(true);
    const since = '2026-07-01T00:00:00Z';
    const recent = await gql('query($q: String) { abandonedCheckouts(first: 250, query: $q, sortKey: CREATED_AT) { nodes { createdAt } } }', { q: `created_at:>=${since}` });
    expect(recent.body.data.abandonedCheckouts.nodes).toHaveLength(checkouts.filter((c) => c.createdAt >= since).length);
  });
});

describe('Shopify sandbox: nodes(ids:)', () => {
  it('returns each id’s object in order, null for unknown ids, across types', async () => {
    const order = sam.shopify!.orders[0]!;
    const { body } = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Customer { displayName } ... on Order { name } } }`, {
      ids: ['gid://shopify/Customer/7000000000001', 'gid://shopify/Customer/99', `gid://shopify/Order/${order.id}`],
    });
    expect(body.data.nodes).toEqual([
      { __typename: 'Customer', id: 'gid://shopify/Customer/7000000000001', displayName: `${sam.firstName} ${sam.lastName}` },
      null,
      { __typename: 'Order', id: `gid://shopify/Order/${order.id}`, name: order.name },
    ]);
  });

  it('refuses more than 250 ids', async () => {
    const ids = Array.from({ length: 251 }, (_, i) => `gid://shopify/Customer/${i}`);
    const { body } = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
