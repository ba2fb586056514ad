/**
 * The webhook handler on real deliveries: the sandbox's admin actions send signed webhooks over
 * HTTP to a receiver that keeps the raw bytes, exactly as ingest will; the handler verifies,
 * keys and maps them. Every topic the sandbox emits is covered.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../config/sandbox-credentials.js';
import { createTestShopify, type TestShopify } from '../../../sandboxes/shopify/testing.js';
import { ConsentRecordSchema } from '../../unified/consent.js';
import type { WebhookRequest } from '../../unified/contracts.js';
import { UnifiedEventSchema } from '../../unified/event.js';
import { createShopifyWebhookHandler } from './handler.js';

let receiver: FastifyInstance;
let shop: TestShopify;
const received: WebhookRequest[] = [];
const handler = createShopifyWebhookHandler({ secret: SANDBOX_CREDENTIALS.shopify.webhookSecret });
const SAM = 'gid://shopify/Customer/7000000000001';

beforeAll(async () => {
  receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  receiver.post('/webhooks/shopify', async (request) => {
    received.push({
      method: request.method,
      url: `http://127.0.0.1${request.url}`,
      headers: request.headers as Record<string, string>,
      rawBody: request.body as Buffer,
      query: {},
    });
    return {};
  });
  const target = `${await receiver.listen({ host: '127.0.0.1', port: 0 })}/webhooks/shopify`;
  shop = createTestShopify({ webhookTarget: target });
});
afterAll(async () => receiver?.close());

const lastOf = (topic: string) => [...received].reverse().find((r) => r.headers['x-shopify-topic'] === topic)!;
async function batchOf(topic: string) {
  const request = lastOf(topic);
  expect(handler.verify(request)).toEqual({ ok: true });
  const batch = await handler.toBatch(request);
  for (const event of batch.events) UnifiedEventSchema.parse(event);
  for (const consent of batch.consents) ConsentRecordSchema.parse(consent);
  return batch;
}

describe('Shopify webhook verification', () => {
  it('accepts the sandbox’s signature over the raw bytes', async () => {
    await shop.action('consent', { channel: 'email', customerId: SAM, state: 'UNSUBSCRIBED' });
    expect(handler.verify(lastOf('customers_email_marketing_consent/update'))).toEqual({ ok: true });
  });

  it('rejects a tampered body, a missing or malformed signature, and works only with a secret', () => {
    const genuine = lastOf('customers_email_marketing_consent/update');
    const tampered = { ...genuine, rawBody: Buffer.from(genuine.rawBody.toString().replace('unsubscribed', 'subscribed')) };
    expect(handler.verify(tampered)).toEqual({ ok: false, reason: 'invalid_signature' });
    const unsigned = { ...genuine, headers: { ...genuine.headers, 'x-shopify-hmac-sha256': undefined } };
    expect(handler.verify(unsigned)).toEqual({ ok: false, reason: 'missing_signature' });
    for (const bad of ['AAAA', 'not base64 at all!', genuine.headers['x-shopify-hmac-sha256']!.slice(0, -4)]) {
      expect(handler.verify({ ...genuine, headers: { ...genuine.headers, 'x-shopify-hmac-sha256': bad } })).toEqual({ ok: false, reason: 'invalid_signature' });
    }
    expect(createShopifyWebhookHandler({ secret: 'another-app-secret' }).verify(genuine)).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(createShopifyWebhookHandler({ secret: undefined }).verify(genuine)).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('checks the published test vector', () => {
    const rawBody = Buffer.from('{"id":1234567890,"email":"customer@example.com","total_price":"123.45"}');
    const request: WebhookRequest = { method: 'POST', url: 'http://hub/webhooks/shopify', headers: { 'x-shopify-hmac-sha256': 'QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=' }, rawBody, query: {} };
    expect(createShopifyWebhookHandler({ secret: 'test-webhook-secret' }).verify(request)).toEqual({ ok: true });
  });

  it('keys a delivery by X-Shopify-Webhook-Id: a replay has the same key, another delivery another', async () => {
    const genuine = lastOf('customers_email_marketing_consent/update');
    const delivery = shop.sandbox.webhooks.deliveries().find((d) => d.headers['X-Shopify-Webhook-Id'] === genuine.headers['x-shopify-webhook-id'])!;
    await shop.sandbox.app.inject({ method: 'POST', url: `/__sandbox/webhooks/${delivery.id}/replay` });
    const replayed = received.at(-1)!;
    expect(handler.deliveryKey(replayed)).toBe(handler.deliveryKey(genuine));
    expect(handler.deliveryKey(genuine)).toBe(`shopify:${genuine.headers['x-shopify-webhook-id']}`);
    expect(handler.deliveryKey(lastOf('customers/update'))).not.toBe(handler.deliveryKey(genuine));
  });
});

describe('Shopify webhook mapping, every topic the sandbox sends', () => {
  it('customers/create: an identity observation and PROFILE_CREATED', async () => {
    const { body } = await shop.action('customers', { email: 'Ada.Okafor@Example.org', firstName: 'Ada', phone: '+14155550199' });
    const batch = await batchOf('customers/create');
    expect(batch.observations).toEqual([
      expect.objectContaining({
        source: 'shopify',
        sourceRecordId: body.customerId,
        identities: [
          { kind: 'SHOPIFY', value: body.customerId },
          { kind: 'EMAIL', value: 'ada.okafor@example.org' },
          { kind: 'PHONE', value: '+14155550199' },
        ],
        traits: { firstName: 'Ada', lastName: undefined },
      }),
    ]);
    expect(batch.events.map((e) => [e.type, e.id])).toEqual([['PROFILE_CREATED', `shopify:customer:${body.customerId}:created`]]);
    expect(batch.changed).toEqual([{ vendor: 'shopify', entity: 'customer', id: body.customerId }]);
  });

  it('customers/update: an observation and the cached customer dropped', async () => {
    await shop.action('customers/7000000000001/update', { tags: ['vip'] });
    const batch = await batchOf('customers/update');
    expect(batch.observations[0]!.identities[0]).toEqual({ kind: 'SHOPIFY', value: SAM });
    expect(batch.events).toEqual([]);
    expect(batch.changed).toEqual([{ vendor: 'shopify', entity: 'customer', id: SAM }]);
  });

  it('orders/create: ORDER_PLACED with the gclid of the landing page, no PII in the summary', async () => {
    const { body } = await shop.action('orders', {
      customerId: SAM,
      landingSite: '/products/tee?utm_source=google&gclid=Cj0KCQjw-test',
      lineItems: [{ sku: 'TEE-ORG-M', title: 'Organic tee', quantity: 3, unitPrice: '28.00' }],
    });
    const batch = await batchOf('orders/create');
    const [event] = batch.events;
    expect(event).toMatchObject({
      id: `shopify:order:${body.orderId}`,
      channel: 'COMMERCE',
      type: 'ORDER_PLACED',
      details: { kind: 'order', orderId: body.orderId, total: { amount: '84.00', currencyCode: 'USD' }, itemCount: 3 },
    });
    expect(event!.identities).toEqual(expect.arrayContaining([{ kind: 'SHOPIFY', value: SAM }, { kind: 'GCLID', value: 'Cj0KCQjw-test' }]));
    expect(event!.summary).not.toMatch(/@|Sam|Silva/);
    expect(batch.observations[0]!.identities).toContainEqual({ kind: 'GCLID', value: 'Cj0KCQjw-test' });
    expect(batch.changed).toEqual([
      { vendor: 'shopify', entity: 'customer', id: SAM },
      { vendor: 'shopify', entity: 'customer-orders', id: SAM },
    ]);
  });

  it('checkouts/create and checkouts/update: CHECKOUT_STARTED keyed by token (once, whichever arrives)', async () => {
    const { body } = await shop.action('checkouts', { customerId: SAM });
    const created = await batchOf('checkouts/create');
    expect(created.events).toEqual([expect.objectContaining({ id: `shopify:checkout:${body.token}:started`, type: 'CHECKOUT_STARTED' })]);
    await shop.action(`checkouts/${body.token}/abandon`);
    const abandoned = await batchOf('checkouts/update');
    expect(abandoned.events.map((e) => e.id)).toEqual([`shopify:checkout:${body.token}:started`]);
    expect(abandoned.changed).toEqual([{ vendor: 'shopify', entity: 'customer-checkouts', id: SAM }]);
    await shop.action(`checkouts/${body.token}/complete`);
    const completed = await batchOf('checkouts/update');
    expect(completed.changed.map((c) => c.entity)).toEqual(['customer-checkouts', 'customer', 'customer-orders']);
  });

  it('consent topics: a consent record per state, with Shopify’s words kept as evidence, and CONSENT_CHANGED', async () => {
    const cases = [
      ['email', 'SUBSCRIBED', 'GRANTED'],
      ['email', 'PENDING', 'UNKNOWN'],
      ['email', 'INVALID', 'UNKNOWN'],
      ['email', 'UNSUBSCRIBED', 'DENIED'],
      ['email', 'NOT_SUBSCRIBED', 'UNKNOWN'],
    ] as const;
    for (const [channel, state, status] of cases) {
      await shop.action('consent', { channel, customerId: SAM, state, optInLevel: 'CONFIRMED_OPT_IN' });
      const batch = await batchOf('customers_email_marketing_consent/update');
      expect(batch.consents).toEqual([
        expect.objectContaining({
          topic: 'EMAIL_MARKETING',
          status,
          source: 'shopify',
          evidence: expect.objectContaining({ 'shopify.marketingState': state }),
          identities: [{ kind: 'SHOPIFY', value: SAM }, { kind: 'EMAIL', value: 'sam.silva1@mail.example' }],
        }),
      ]);
      if (state !== 'NOT_SUBSCRIBED') expect(batch.consents[0]!.method).toBe('DOUBLE_OPT_IN');
      expect(batch.events[0]).toMatchObject({ type: 'CONSENT_CHANGED', channel: 'EMAIL', details: { kind: 'consent', topic: 'EMAIL_MARKETING', status } });
    }
    const withPhone = shop.world.people.find((p) => p.shopify?.phone)!;
    await shop.action('consent', { channel: 'sms', customerId: withPhone.shopify!.customerId, state: 'SUBSCRIBED', collectedFrom: 'SHOPIFY' });
    const sms = await batchOf('customers_marketing_consent/update');
    expect(sms.consents[0]).toMatchObject({
      topic: 'SMS_MARKETING',
      status: 'GRANTED',
      method: 'SINGLE_OPT_IN',
      evidence: { 'shopify.marketingState': 'SUBSCRIBED', 'shopify.consentCollectedFrom': 'SHOPIFY' },
      identities: [{ kind: 'SHOPIFY', value: `gid://shopify/Customer/${withPhone.shopify!.customerId}` }, { kind: 'PHONE', value: withPhone.shopify!.phone }],
    });
    expect(sms.events[0]).toMatchObject({ channel: 'SMS', type: 'CONSENT_CHANGED' });
  });

  it('customers/redact: an erasure of every identifier Shopify names, and every cached read dropped', async () => {
    const person = shop.world.people.find((p) => p.shopify?.phone && p.shopify.orders.length > 0)!;
    const gid = `gid://shopify/Customer/${person.shopify!.customerId}`;
    await shop.action('redact', { customerId: gid });
    const batch = await batchOf('customers/redact');
    expect(batch.erasures).toEqual([
      { vendor: 'shopify', identities: [{ kind: 'SHOPIFY', value: gid }, { kind: 'EMAIL', value: person.email }, { kind: 'PHONE', value: person.shopify!.phone }] },
    ]);
    expect(batch.changed.map((c) => c.entity).sort()).toEqual(['customer', 'customer-checkouts', 'customer-orders']);
  });

  it('ignores topics it does not subscribe to, and refuses a signed body that is not JSON', async () => {
    const genuine = lastOf('customers/update');
    expect(await handler.toBatch({ ...genuine, headers: { ...genuine.headers, 'x-shopify-topic': 'products/update' } })).toEqual({
      observations: [],
      events: [],
      consents: [],
      changed: [],
    });
    await expect(handler.toBatch({ ...genuine, rawBody: Buffer.from('{not json') })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    await expect(handler.toBatch({ ...genuine, rawBody: Buffer.from('{"id":"x"}') })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
