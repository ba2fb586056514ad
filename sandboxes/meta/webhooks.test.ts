import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { signMetaPayload } from './webhooks.js';
import { metaSandbox, PAGE } from './test-helpers.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A stand-in for the hub's ingest: records raw deliveries and answers the GET handshake. */
async function receiver(verifyToken = 'sandbox-meta-verify-token') {
  const received: Received[] = [];
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.post('/webhooks/meta', async (request) => {
    received.push({ headers: request.headers, body: request.body as string });
    return 'ok';
  });
  app.get<{ Querystring: Record<string, string> }>('/webhooks/meta', async (request, reply) => {
    const q = request.query;
    if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === verifyToken) return reply.type('text/plain').send(q['hub.challenge']);
    return reply.code(403).send('forbidden');
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, received, target: `${url}/webhooks/meta` };
}

describe('Meta sandbox: leadgen webhooks', () => {
  let open: FastifyInstance | undefined;
  afterEach(async () => open?.close());

  it('signs exactly as Meta does: hex HMAC-SHA256 and legacy HMAC-SHA1 of the raw body with the app secret', () => {
    // RFC-style published vectors: HMAC(key="key", "The quick brown fox jumps over the lazy dog").
    expect(signMetaPayload('The quick brown fox jumps over the lazy dog', 'key')).toEqual({
      sha256: 'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
      sha1: 'sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9',
    });
  });

  it('submits a lead through the admin action and delivers the signed notification, which can be replayed byte for byte', async () => {
    const hub = await receiver();
    open = hub.app;
    const { sandbox, graph, world } = metaSandbox({ webhookTarget: hub.target });
    const form = world.campaigns.meta[1]!;
    const submitted = await sandbox.app.inject({
      method: 'POST',
      url: '/__sandbox/actions/submit-lead',
      payload: { formId: form.formId, email: '  Jane.Doe@Example.com ', fullName: 'Jane Doe', phone: '(650) 555-1212' },
    });
    expect(submitted.statusCode).toBe(201);
    const lead = submitted.json().lead;
    expect(lead).toMatchObject({ form_id: form.formId, campaign_id: form.campaignId, ad_id: form.adId });

    expect(hub.received).toHaveLength(1);
    const [delivery] = hub.received;
    const notification = JSON.parse(delivery!.body);
    expect(notification).toEqual({
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: expect.any(Number),
          changes: [
            {
              field: 'leadgen',
              value: { leadgen_id: lead.id, page_id: PAGE, form_id: form.formId, adgroup_id: form.adId, ad_id: form.adId, created_time: expect.any(Number) },
            },
          ],
        },
      ],
    });
    const expected = signMetaPayload(delivery!.body, 'sandbox-meta-app-secret');
    expect(delivery!.headers['x-hub-signature-256']).toBe(expected.sha256);
    expect(delivery!.headers['x-hub-signature']).toBe(expected.sha1);

    // The lead the webhook names is readable by id.
    const read = await graph('GET', `/${lead.id}`, { fields: 'id,field_data,created_time' });
    expect(read.body.field_data).toContainEqual({ name: 'email', values: ['  Jane.Doe@Example.com '] });

    const log = (await sandbox.app.inject({ url: '/__sandbox/webhooks' })).json().deliveries;
    await sandbox.app.inject({ method: 'POST', url: `/__sandbox/webhooks/${log[0].id}/replay` });
    expect(hub.received).toHaveLength(2);
    expect(hub.received[1]!.body).toBe(delivery!.body);
    expect(hub.received[1]!.headers['x-hub-signature-256']).toBe(expected.sha256);
  });

  it('creates test leads through the real test_leads edge, which also notify', async () => {
    const hub = await receiver();
    open = hub.app;
    const { graph, world } = metaSandbox({ webhookTarget: hub.target });
    const form = world.campaigns.meta[0]!.formId;
    const created = await graph('POST', `/${form}/test_leads`, { field_data: [{ name: 'email', values: ['test@fb.example'] }] });
    expect(created.body.id).toMatch(/^\d{16}$/);
    expect(JSON.parse(hub.received[0]!.body).entry[0].changes[0].value.leadgen_id).toBe(created.body.id);
  });

  it('runs the GET hub.challenge handshake against the target', async () => {
    const hub = await receiver();
    open = hub.app;
    const { sandbox } = metaSandbox({ webhookTarget: hub.target });
    const ok = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/verify-subscription' });
    expect(ok.json()).toMatchObject({ status: 200, verified: true });
    const wrong = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/verify-subscription', payload: { verifyToken: 'guess' } });
    expect(wrong.json()).toMatchObject({ status: 403, verified: false });
  });

  it('refuses a lead submission without an email, and records deliveries when no target is set', async () => {
    const { sandbox } = metaSandbox();
    expect((await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/submit-lead', payload: {} })).statusCode).toBe(400);
    const ok = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/submit-lead', payload: { email: 'x@example.com' } });
    expect(ok.statusCode).toBe(201);
    expect((await sandbox.app.inject({ url: '/__sandbox/webhooks' })).json().deliveries).toHaveLength(1);
  });
});
