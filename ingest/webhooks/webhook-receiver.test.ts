/**
 * The webhook receiver over real HTTP: the sandboxes send their signed webhooks to a running hub's
 * ingest (the target start-hub points them at), and the tests look at what the receiver answered
 * and what reached the queue and the identity store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { startTestHub } from '../../test/support/hub.js';
import { ingestOf, postShopifyWebhook, sandboxAdmin } from '../../test/support/ingest.js';
import { waitFor } from '../../test/support/wait-for.js';

describe('webhook receiver', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_MAX_BODY_BYTES: '65536', INGEST_STARTUP_BACKFILL: 'identities' });
  });
  afterAll(async () => hub?.close());

  const queued = async () => {
    const counts = await ingestOf(hub).queue.counts();
    return counts.waiting + counts.active + counts.delayed + counts.completed + counts.failed;
  };

  it('points every sandbox with webhooks at ingest once ingest listens', async () => {
    for (const vendor of ['hubspot', 'shopify', 'klaviyo', 'meta'] as const) {
      const { body } = await sandboxAdmin(hub, vendor, 'GET', '/webhooks');
      expect(body.target).toBe(`${ingestOf(hub).url}/webhooks/${vendor}`);
    }
  });

  it('accepts a signed sandbox delivery with 202 after queueing it, and the worker applies it', async () => {
    const { status, body } = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'Receiver.Test@Mail.Example', firstName: 'Rae' });
    expect(status).toBe(201);
    expect(body.webhooks).toEqual([expect.objectContaining({ topic: 'customers/create', status: 202, error: null })]);
    const customerId = await waitFor(() => hub.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'receiver.test@mail.example' }), { what: 'the new customer' });
    const shopifyId = body.customerId as string;
    expect(await hub.stores.identities.findCustomerId({ kind: 'SHOPIFY', value: shopifyId })).toBe(customerId);
  });

  it('answers a replayed delivery 202 {queued:false} and queues nothing new', async () => {
    const { body } = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'replay.receiver@mail.example' });
    const deliveryId = body.webhooks[0].id as string;
    const before = await queued();
    const replay = await sandboxAdmin(hub, 'shopify', 'POST', `/webhooks/${deliveryId}/replay`);
    expect(replay.body.status).toBe(202);
    expect(await queued()).toBe(before);
    const response = await postShopifyWebhook(hub, 'customers/create', '{"id":1}', undefined, 'same-delivery');
    expect(await response.json()).toEqual({ queued: true });
    const again = await postShopifyWebhook(hub, 'customers/create', '{"id":1}', undefined, 'same-delivery');
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ queued: false });
  });

  it('refuses a bad signature with 401 and its reason, and queues nothing', async () => {
    const before = await queued();
    const forged = await postShopifyWebhook(hub, 'customers/create', '{"id":7,"email":"forged@mail.example"}', 'bm90IHRoZSBzaWduYXR1cmU=');
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'webhook refused', reason: 'invalid_signature' });
    const unsigned = await fetch(`${ingestOf(hub).url}/webhooks/hubspot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).reason).toBe('missing_signature');
    expect(await queued()).toBe(before);
    expect(await hub.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'forged@mail.example' })).toBeUndefined();
  });

  it('answers 404 for a vendor without webhooks and 413 for a body over the limit', async () => {
    for (const vendor of ['google-ads', 'nobody', '__proto__']) {
      const response = await fetch(`${ingestOf(hub).url}/webhooks/${vendor}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
    }
    const before = await queued();
    const huge = await postShopifyWebhook(hub, 'customers/create', JSON.stringify({ note: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(await queued()).toBe(before);
  });

  it('answers Meta’s hub.challenge handshake, and refuses a wrong verify token', async () => {
    const ok = await sandboxAdmin(hub, 'meta', 'POST', '/actions/verify-subscription');
    expect(ok.body).toMatchObject({ status: 200, verified: true });
    const wrong = await sandboxAdmin(hub, 'meta', 'POST', '/actions/verify-subscription', { verifyToken: 'not-ours' });
    expect(wrong.body).toMatchObject({ status: 403, verified: false });
  });

  it('dead-letters a delivery that can never be mapped, with the reason, and lists it to the operator', async () => {
    const response = await postShopifyWebhook(hub, 'orders/create', '{"this":"is not an order"}', undefined, 'never-an-order');
    expect(response.status).toBe(202);
    const list = await waitFor(async () => {
      const answer = await fetch(`${ingestOf(hub).url}/admin/dead-letters`);
      const { deadLetters } = (await answer.json()) as { deadLetters: { id: string; reason: string; vendor: string }[] };
      return deadLetters.find((d) => d.id === 'shopify:shopify:never-an-order');
    }, { what: 'the dead letter' });
    expect(list.vendor).toBe('shopify');
    expect(list.reason).toMatch(/shopify delivery could not be mapped: .*webhook orders\/create/);
    // Retrying it runs it again; it cannot succeed, so it is a dead letter again with the same reason.
    const retry = await fetch(`${ingestOf(hub).url}/admin/dead-letters/${encodeURIComponent(list.id)}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    const missing = await fetch(`${ingestOf(hub).url}/admin/dead-letters/nope/retry`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });
});

describe('dead-letter admin routes with an admin token', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_ADMIN_TOKEN: 'test-admin-token-0123456789', INGEST_STARTUP_BACKFILL: 'off' });
  });
  afterAll(async () => hub?.close());

  it('requires the bearer token, even from loopback', async () => {
    const url = `${ingestOf(hub).url}/admin/dead-letters`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: 'Bearer test-admin-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ deadLetters: [] });
  });
});

describe('a delivery the vendor refuses to complete', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off', INGEST_QUEUE_MAX_ATTEMPTS: '2', INGEST_QUEUE_BACKOFF_MS: '10' });
  });
  afterAll(async () => hub?.close());

  it('ends as a dead letter with the vendor’s refusal as reason, and a retry once the access is back applies it', async () => {
    const ingest = ingestOf(hub);
    // The lead webhook names the lead only: ingest must read it from Meta, whose token was revoked.
    await ingest.worker.stop();
    const { body } = await sandboxAdmin(hub, 'meta', 'POST', '/actions/submit-lead', { email: 'outage.lead@mail.example' });
    expect(body.delivery.status).toBe(202);
    await sandboxAdmin(hub, 'meta', 'POST', '/actions/revoke-token');
    ingest.worker.start();

    const dead = await waitFor(async () => {
      const answer = await fetch(`${ingest.url}/admin/dead-letters`);
      const { deadLetters } = (await answer.json()) as { deadLetters: { id: string; reason: string; attempts: number }[] };
      return deadLetters[0];
    }, { what: 'the dead letter', timeoutMs: 30_000 });
    expect(dead.id).toMatch(/^meta:meta:leadgen:/);
    // Trying again cannot help while the token is refused: dead at the first try, the reason kept.
    expect(dead.reason).toMatch(/^meta delivery could not be mapped: meta .*/);
    expect(dead.attempts).toBe(1);
    expect(await hub.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'outage.lead@mail.example' })).toBeUndefined();

    await sandboxAdmin(hub, 'meta', 'POST', '/actions/restore-token');
    const retry = await fetch(`${ingest.url}/admin/dead-letters/${encodeURIComponent(dead.id)}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    const customerId = await waitFor(() => hub.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'outage.lead@mail.example' }), { what: 'the lead applied', timeoutMs: 30_000 });
    const page = await hub.stores.timeline.page(customerId, { first: 10 });
    expect(page.edges.map((e) => e.node.type)).toEqual(['LEAD_SUBMITTED']);
    expect((await ingest.queue.deadLetters()).length).toBe(0);
  });
});
