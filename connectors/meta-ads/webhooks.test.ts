import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import type { VendorWebhookHandler, WebhookRequest } from '../unified/contracts.js';
import { createMetaAdsClient } from './client.js';
import { createMetaWebhookHandler } from './webhooks.js';

const SECRET = 'sandbox-meta-app-secret';

/** The hub's side of a webhook: the raw bytes and headers as they arrived, handed to the handler. */
async function ingest(handler: VendorWebhookHandler) {
  const requests: WebhookRequest[] = [];
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_r, body, done) => done(null, body));
  const toRequest = (request: { method: string; url: string; headers: Record<string, unknown>; body?: unknown; query: unknown }): WebhookRequest => ({
    method: request.method,
    url: `http://127.0.0.1${request.url}`,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : (v as string)])),
    rawBody: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
    query: request.query as Record<string, string>,
  });
  app.post('/webhooks/meta', async (request) => {
    requests.push(toRequest(request));
    return 'ok';
  });
  app.get('/webhooks/meta', async (request, reply) => {
    const answer = handler.handshake!(toRequest(request));
    return reply.code(answer.status).type('text/plain').send(answer.body);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, requests, target: `${url}/webhooks/meta` };
}

const signed = (body: string, headers: Record<string, string> = {}): WebhookRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1/webhooks/meta',
  headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`, ...headers },
  rawBody: Buffer.from(body),
  query: {},
});

describe('Meta leadgen webhooks', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  let hub: Awaited<ReturnType<typeof ingest>> | undefined;
  afterEach(async () => {
    await hub?.app.close();
    await meta?.close();
  });

  it('verifies a real delivery, keys its replay the same, and maps the lead it names (fetched by id)', async () => {
    meta = await startMetaSandbox();
    const handler = createMetaWebhookHandler({ leads: createMetaAdsClient(meta.connection, TEST_RUNTIME), appSecret: SECRET, verifyToken: 'sandbox-meta-verify-token' });
    hub = await ingest(handler);
    await meta.admin('PUT', '/webhooks/target', { target: hub.target });
    const form = meta.world.campaigns.meta[0]!;
    const { lead } = await meta.admin('POST', '/actions/submit-lead', { formId: form.formId, email: ' Jane.Doe@Example.com ', fullName: 'Jane Doe', phone: '(650) 555-1212' });
    const delivery = (await meta.admin('GET', '/webhooks')).deliveries[0];
    await meta.admin('POST', `/webhooks/${delivery.id}/replay`);
    const [first, replay] = hub.requests;

    expect(handler.verify(first!)).toEqual({ ok: true });
    expect(handler.deliveryKey(first!)).toBe(`meta:leadgen:${lead.id}`);
    expect(handler.deliveryKey(replay!)).toBe(handler.deliveryKey(first!));

    const batch = await handler.toBatch(first!);
    expect(batch.observations).toEqual([
      expect.objectContaining({
        source: 'meta',
        sourceRecordId: lead.id,
        identities: [
          { kind: 'META_LEAD', value: lead.id },
          { kind: 'EMAIL', value: 'jane.doe@example.com' },
          { kind: 'PHONE', value: '+16505551212' },
        ],
        traits: { firstName: 'Jane', lastName: 'Doe' },
      }),
    ]);
    expect(batch.events).toEqual([
      expect.objectContaining({
        id: `meta:lead:${lead.id}`,
        type: 'LEAD_SUBMITTED',
        channel: 'PAID_SOCIAL',
        summary: `Submitted a Meta lead form (campaign “${form.name}”)`,
        details: expect.objectContaining({ kind: 'ad', leadId: lead.id, formId: form.formId, campaignId: form.campaignId, adId: form.adId }),
      }),
    ]);
    expect(batch.changed).toEqual([{ vendor: 'meta', entity: 'lead', id: lead.id }]);
  });

  it('refuses a missing, tampered, truncated or foreign signature, and a body that is not a notification', () => {
    const handler = createMetaWebhookHandler({ leads: { getLeads: async () => [] }, appSecret: SECRET, verifyToken: 't' });
    const body = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: '5' } }] }] });
    const good = signed(body);
    expect(handler.verify(good)).toEqual({ ok: true });
    expect(handler.verify({ ...good, headers: {} })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(handler.verify({ ...good, rawBody: Buffer.from(body.replace('"5"', '"6"')) })).toEqual({ ok: false, reason: 'invalid_signature' });
    const header = good.headers['x-hub-signature-256']!;
    expect(handler.verify({ ...good, headers: { 'x-hub-signature-256': header.slice(0, -2) } })).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(handler.verify({ ...good, headers: { 'x-hub-signature-256': header.replace('sha256=', 'sha1=') } })).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(handler.verify(signed('not json'))).toEqual({ ok: false, reason: 'malformed_body' });
    const other = createMetaWebhookHandler({ leads: { getLeads: async () => [] }, appSecret: 'another-app', verifyToken: 't' });
    expect(other.verify(good)).toEqual({ ok: false, reason: 'invalid_signature' });
    const unset = createMetaWebhookHandler({ leads: { getLeads: async () => [] }, appSecret: undefined, verifyToken: 't' });
    expect(unset.verify(good)).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('accepts the legacy sha1 signature only when no sha256 one is sent', () => {
    const handler = createMetaWebhookHandler({ leads: { getLeads: async () => [] }, appSecret: SECRET, verifyToken: 't' });
    const body = '{"object":"page","entry":[]}';
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    expect(handler.verify({ ...signed(body), headers: { 'x-hub-signature': sha1 } })).toEqual({ ok: true });
    expect(handler.verify({ ...signed(body), headers: { 'x-hub-signature': sha1, 'x-hub-signature-256': 'sha256=00' } })).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('keys a delivery without leadgen changes by its bytes, and maps it to nothing', async () => {
    const handler = createMetaWebhookHandler({ leads: { getLeads: async () => { throw new Error('not called'); } }, appSecret: SECRET, verifyToken: 't' });
    const feed = signed(JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'post' } }] }] }));
    expect(handler.deliveryKey(feed)).toMatch(/^meta:body:[0-9a-f]{64}$/);
    expect(await handler.toBatch(feed)).toEqual({ observations: [], events: [], consents: [], changed: [] });
  });

  it('answers Meta’s subscription handshake only for the hub’s verify token', async () => {
    meta = await startMetaSandbox();
    const handler = createMetaWebhookHandler({ leads: { getLeads: async () => [] }, appSecret: SECRET, verifyToken: 'sandbox-meta-verify-token' });
    hub = await ingest(handler);
    await meta.admin('PUT', '/webhooks/target', { target: hub.target });
    expect(await meta.admin('POST', '/actions/verify-subscription')).toMatchObject({ status: 200, verified: true });
    expect(await meta.admin('POST', '/actions/verify-subscription', { verifyToken: 'guessed' })).toMatchObject({ status: 403, verified: false });
    const request = (query: Record<string, string>) => ({ ...signed(''), method: 'GET', query });
    expect(handler.handshake!(request({ 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': 'sandbox-meta-verify-token' })).status).toBe(403);
    expect(handler.handshake!(request({ 'hub.mode': 'subscribe', 'hub.verify_token': 'sandbox-meta-verify-token' })).status).toBe(403);
  });
});
