import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createTestShopify, type Json } from './testing.js';
import { signShopifyWebhook } from './webhook-signer.js';

/** A stand-in for the hub's ingest: records each request's headers and exact bytes. */
interface Received {
  headers: Record<string, string>;
  raw: Buffer;
}

let receiver: FastifyInstance;
let target: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  receiver.post('/webhooks/shopify', async (request) => {
    received.push({ headers: request.headers as Record<string, string>, raw: request.body as Buffer });
    return { ok: true };
  });
  target = `${await receiver.listen({ host: '127.0.0.1', port: 0 })}/webhooks/shopify`;
});
afterAll(async () => receiver?.close());

const secret = SANDBOX_CREDENTIALS.shopify.webhookSecret;
const verifies = (r: Received) => createHmac('sha256', secret).update(r.raw).digest('base64') === r.headers['x-shopify-hmac-sha256'];
const last = (topic: string) => [...received].reverse().find((r) => r.headers['x-shopify-topic'] === topic)!;
const body = (r: Received): Json => JSON.parse(r.raw.toString('utf8'));

function setup() {
  const shop = createTestShopify({ webhookTarget: target });
  const sam = shop.world.people.find((p) => p.shopify?.customerId === '7000000000001')!;
  return { ...shop, sam, samGid: 'gid://shopify/Customer/7000000000001' };
}

describe('Shopify webhook signature', () => {
  it('matches a published HMAC-SHA256 test vector (base64 of the raw body)', () => {
    // Vector from a public Shopify HMAC test, re-checked with `openssl dgst -sha256 -hmac ... -binary | base64`.
    const rawBody = '{"id":1234567890,"email":"customer@example.com","total_price":"123.45"}';
    expect(signShopifyWebhook('test-webhook-secret', rawBody)).toBe('QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=');
  });
});

describe('Shopify sandbox actions send signed webhooks and change the store', () => {
  it('places an order: orders/create then customers/update, one event id, full header set, valid HMAC', async () => {
    const { action, gql, samGid } = setup();
    const response = await action('orders', {
      customerId: samGid,
      landingSite: '/?utm_source=google&gclid=Cj0KCQtest',
      lineItems: [{ sku: 'MUG-CER-01', title: 'Ceramic mug', quantity: 2, unitPrice: '18.00' }],
    });
    expect(response.status).toBe(201);
    expect(response.body.webhooks.map((w: Json) => [w.topic, w.status])).toEqual([
      ['orders/create', 200],
      ['customers/update', 200],
    ]);
    const order = last('orders/create');
    expect(verifies(order)).toBe(true);
    expect(order.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'hub-demo.myshopify.com',
      'x-shopify-api-version': '2026-10',
      'x-shopify-webhook-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'x-shopify-event-id': response.body.eventId,
      'x-shopify-triggered-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(last('customers/update').headers['x-shopify-event-id']).toBe(response.body.eventId);
    expect(last('customers/update').headers['x-shopify-webhook-id']).not.toBe(order.headers['x-shopify-webhook-id']);
    const payload = body(order);
    expect(payload).toMatchObject({
      admin_graphql_api_id: response.body.orderId,
      total_price: '36.00',
      currency: 'USD',
      landing_site: '/?utm_source=google&gclid=Cj0KCQtest',
      customer: { id: 7000000000001, admin_graphql_api_id: samGid },
      line_items: [{ sku: 'MUG-CER-01', quantity: 2, price: '18.00' }],
    });
    expect(payload).toHaveProperty('checkout_token');
    expect(payload).not.toHaveProperty('checkout_id');

    const read = await gql('query($id: ID!) { customer(id: $id) { numberOfOrders amountSpent { amount } } }', { id: samGid });
    expect(read.body.data.customer).toEqual({ numberOfOrders: '3', amountSpent: { amount: '183.0' } });
  });

  it('starts, abandons and completes a checkout: keyed by token, never by id', async () => {
    const { action, gql, samGid } = setup();
    const started = await action('checkouts', { customerId: samGid });
    expect(started.body.webhooks.map((w: Json) => w.topic)).toEqual(['checkouts/create']);
    const created = body(last('checkouts/create'));
    expect(created.token).toBe(started.body.token);
    expect(created).not.toHaveProperty('id');
    expect(created.abandoned_checkout_url).toContain(`/checkouts/${started.body.token}/recover?key=`);
    expect(created.completed_at).toBeNull();

    const listed = async () =>
      (await gql('{ abandonedCheckouts(first: 50, query: "status:open", sortKey: CREATED_AT, reverse: true) { nodes { abandonedCheckoutUrl } } }')).body.data.abandonedCheckouts.nodes
        .map((n: Json) => n.abandonedCheckoutUrl as string)
        .some((url: string) => url.includes(started.body.token));
    expect(await listed()).toBe(false);

    const abandoned = await action(`checkouts/${started.body.token}/abandon`);
    expect(abandoned.body.webhooks.map((w: Json) => w.topic)).toEqual(['checkouts/update']);
    expect(await listed()).toBe(true);
    const sent = await gql('{ abandonedCheckouts(first: 50, query: "email_state:sent") { nodes { abandonedCheckoutUrl } } }');
    expect(sent.body.data.abandonedCheckouts.nodes.some((n: Json) => n.abandonedCheckoutUrl.includes(started.body.token))).toBe(true);

    const completed = await action(`checkouts/${started.body.token}/complete`);
    expect(completed.body.webhooks.map((w: Json) => w.topic)).toEqual(['checkouts/update', 'orders/create', 'customers/update']);
    expect(body(last('checkouts/update')).completed_at).toMatch(/\+00:00$/);
    expect(body(last('orders/create')).checkout_token).toBe(started.body.token);
    expect(await listed()).toBe(false);
    expect((await action(`checkouts/${started.body.token}/complete`)).status).toBe(409);
  });

  it('changes consent as the buyer does, reaching states the API cannot set (INVALID after a bounce)', async () => {
    const { action, gql, samGid } = setup();
    const response = await action('consent', { channel: 'email', customerId: samGid, state: 'INVALID' });
    expect(response.body.webhooks.map((w: Json) => w.topic)).toEqual(['customers_email_marketing_consent/update', 'customers/update']);
    expect(body(last('customers_email_marketing_consent/update')).email_marketing_consent.state).toBe('invalid');
    const read = await gql('query($id: ID!) { customer(id: $id) { emailMarketingConsent { marketingState } defaultEmailAddress { marketingState } } }', { id: samGid });
    expect(read.body.data.customer).toEqual({ emailMarketingConsent: { marketingState: 'INVALID' }, defaultEmailAddress: { marketingState: 'INVALID' } });
  });

  it('creates and updates customers (customers/create, customers/update without tags)', async () => {
    const { action, gql } = setup();
    const created = await action('customers', { email: 'New.Buyer@Example.com', firstName: 'New', lastName: 'Buyer', phone: '+14155550123' });
    expect(created.status).toBe(201);
    const payload = body(last('customers/create'));
    expect(payload).toMatchObject({ email: 'New.Buyer@Example.com', phone: '+14155550123', admin_graphql_api_id: created.body.customerId });
    const updated = await action(`customers/${created.body.customerId.split('/').pop()}/update`, { tags: ['vip'], firstName: 'Newer' });
    expect(updated.body.webhooks.map((w: Json) => w.topic)).toEqual(['customers/update']);
    expect(body(last('customers/update'))).not.toHaveProperty('tags');
    const read = await gql('query($q: String) { customers(first: 1, query: $q) { nodes { firstName tags } } }', { q: 'email:new.buyer@example.com' });
    expect(read.body.data.customers.nodes).toEqual([{ firstName: 'Newer', tags: ['vip'] }]);
  });

  it('sends customers/redact with the GDPR payload and erases the customer’s data', async () => {
    const { action, gql, sam, samGid } = setup();
    const response = await action('redact', { customerId: samGid });
    expect(response.body.webhooks.map((w: Json) => w.topic)).toEqual(['customers/redact']);
    expect(body(last('customers/redact'))).toEqual({
      shop_id: 63816482951,
      shop_domain: 'hub-demo.myshopify.com',
      customer: { id: 7000000000001, email: sam.shopify!.email.trim(), phone: null },
      orders_to_redact: sam.shopify!.orders.map((o) => Number(o.id)),
    });
    const read = await gql('query($id: ID!) { customer(id: $id) { firstName defaultEmailAddress { emailAddress } emailMarketingConsent { marketingState } numberOfOrders } }', { id: samGid });
    expect(read.body.data.customer).toEqual({ firstName: null, defaultEmailAddress: null, emailMarketingConsent: { marketingState: 'REDACTED' }, numberOfOrders: '2' });
  });

  it('answers bad action input with 400 or 404 and changes nothing', async () => {
    const { action, sandbox, samGid } = setup();
    const before = received.length;
    expect((await action('orders', { customerId: 'bob' })).status).toBe(400);
    expect((await action('orders', { customerId: 'gid://shopify/Customer/1' })).status).toBe(404);
    expect((await action('orders', { customerId: samGid, lineItems: [{ sku: 'X', title: 'X', quantity: 0, unitPrice: '1.00' }] })).status).toBe(400);
    expect((await action('consent', { channel: 'email', customerId: samGid, state: 'REDACTED' })).status).toBe(400);
    expect((await action('checkouts/nope/abandon')).status).toBe(404);
    expect(received.length).toBe(before);
    expect(sandbox.state.customers.get('7000000000001')!.orderIds).toHaveLength(2);
  });

  it('replays a delivery byte for byte with the same webhook id (a Shopify retry)', async () => {
    const { action, sandbox, samGid } = setup();
    await action('consent', { channel: 'email', customerId: samGid, state: 'UNSUBSCRIBED' });
    const original = last('customers_email_marketing_consent/update');
    const delivery = sandbox.webhooks.deliveries().find((d) => d.topic === 'customers_email_marketing_consent/update')!;
    const replay = await sandbox.app.inject({ method: 'POST', url: `/__sandbox/webhooks/${delivery.id}/replay` });
    expect(replay.statusCode).toBe(200);
    const again = received.at(-1)!;
    expect(again.raw.equals(original.raw)).toBe(true);
    expect(again.headers['x-shopify-webhook-id']).toBe(original.headers['x-shopify-webhook-id']);
    expect(verifies(again)).toBe(true);
  });
});
