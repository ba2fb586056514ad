/**
 * Ingest end to end: the sandboxes send real signed webhooks to a running hub; the receiver
 * queues them, the worker maps them through the connectors and applies them; the events are then
 * read back from the customer's timeline. Replays and reordered deliveries must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { Identity } from '../../connectors/unified/identity.js';
import { startTestHub } from '../support/hub.js';
import { ingestOf, sandboxAdmin } from '../support/ingest.js';
import { readTimeline } from '../support/timeline.js';
import { waitFor } from '../support/wait-for.js';

describe('webhooks through ingest onto the timeline', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
  });
  afterAll(async () => hub?.close());

  const customerOf = (identity: Identity) =>
    waitFor(() => hub.stores.identities.findCustomerId(identity), { what: `the customer of ${identity.kind}` });
  /** Waits until the queue has nothing left to run (every delivery applied or dead). */
  const drained = () =>
    waitFor(async () => {
      const c = await ingestOf(hub).queue.counts();
      return c.waiting + c.active + c.delayed === 0;
    }, { what: 'the webhook queue to drain' });

  it('a Shopify order placed in the sandbox reaches the customer’s timeline', async () => {
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'Order.Path@Mail.Example', firstName: 'Ola' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', {
      customerId: created.body.customerId,
      lineItems: [{ sku: 'MUG-1', title: 'Mug', quantity: 2, unitPrice: '12.50' }],
    });
    expect(order.body.webhooks.every((w: { status: number }) => w.status === 202)).toBe(true);
    const customerId = await customerOf({ kind: 'EMAIL', value: 'order.path@mail.example' });
    const events = await waitFor(async () => {
      const timeline = await readTimeline(hub, customerId);
      return timeline.some((e) => e.type === 'ORDER_PLACED') && timeline;
    }, { what: 'the order on the timeline' });
    const placed = events.find((e) => e.type === 'ORDER_PLACED')!;
    expect(placed).toMatchObject({ channel: 'COMMERCE', source: 'shopify', details: { kind: 'order', total: { amount: '25.00' }, itemCount: 2 } });
    expect(placed.summary).not.toContain('@');
    expect(events.map((e) => e.type)).toContain('PROFILE_CREATED');
  });

  it('a HubSpot sales email and a Klaviyo campaign email (webhooks that name records ingest must read) arrive too', async () => {
    const contact = await sandboxAdmin(hub, 'hubspot', 'POST', '/actions/contacts', { email: 'sales.path@mail.example', firstname: 'Sal' });
    expect(contact.body.delivery.status).toBe(202);
    const email = await sandboxAdmin(hub, 'hubspot', 'POST', `/actions/contacts/${contact.body.record.id}/sales-emails`, { subject: 'Your quote' });
    expect(email.body.delivery.status).toBe(202);
    const customerId = await customerOf({ kind: 'HUBSPOT', value: String(contact.body.record.id) });
    await waitFor(async () => (await readTimeline(hub, customerId)).some((e) => e.type === 'SALES_EMAIL'), { what: 'the sales email' });

    const [profile] = (await hub.connectors.klaviyo.client.listProfiles({ pageSize: 1 }).next()).value!;
    const sent = await sandboxAdmin(hub, 'klaviyo', 'POST', '/actions/send-email', { profileId: profile!.id, subject: 'Winter sale' });
    expect(sent.status).toBe(200);
    const klaviyoCustomer = await customerOf({ kind: 'KLAVIYO', value: profile!.id });
    await waitFor(async () => (await readTimeline(hub, klaviyoCustomer)).some((e) => e.type === 'EMAIL_SENT' && e.source === 'klaviyo'), { what: 'the campaign email' });
  });

  it('a replayed delivery leaves the timeline unchanged', async () => {
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'replayed@mail.example' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    const customerId = await customerOf({ kind: 'EMAIL', value: 'replayed@mail.example' });
    await drained();
    const before = await readTimeline(hub, customerId);
    expect(before.some((e) => e.type === 'ORDER_PLACED')).toBe(true);
    for (const delivery of [...created.body.webhooks, ...order.body.webhooks]) {
      const replay = await sandboxAdmin(hub, 'shopify', 'POST', `/webhooks/${delivery.id}/replay`);
      expect(replay.body.status).toBe(202);
    }
    await drained();
    expect(await readTimeline(hub, customerId)).toEqual(before);
  });

  it('a pair delivered in reverse order gives the timeline the in-order pair gives', async () => {
    // The sandbox records without sending while it has no target; the test then delivers the
    // pair itself, order first, with the exact signed bytes and headers from the sandbox's log.
    const target = (await sandboxAdmin(hub, 'shopify', 'GET', '/webhooks')).body.target as string;
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target: null });
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'reordered@mail.example' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target });
    expect(await hub.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'reordered@mail.example' })).toBeUndefined();

    const ids = new Set([...created.body.webhooks, ...order.body.webhooks].map((d: { id: string }) => d.id));
    const log = (await sandboxAdmin(hub, 'shopify', 'GET', '/webhooks')).body.deliveries as { id: string; headers: Record<string, string>; body: string }[];
    const pair = log.filter((d) => ids.has(d.id));
    expect(pair).toHaveLength(ids.size);
    const deliver = async (d: (typeof pair)[number]) => {
      const response = await fetch(target, { method: 'POST', headers: d.headers, body: d.body });
      expect(response.status).toBe(202);
    };
    for (const delivery of [...pair].reverse()) await deliver(delivery);
    await drained();
    const customerId = await customerOf({ kind: 'EMAIL', value: 'reordered@mail.example' });
    const reversed = await readTimeline(hub, customerId);
    expect(reversed.map((e) => e.type).sort()).toEqual(['ORDER_PLACED', 'PROFILE_CREATED']);
    // Newest first, whatever the arrival order.
    expect(reversed.map((e) => e.occurredAt)).toEqual([...reversed.map((e) => e.occurredAt)].sort().reverse());

    // The same signed bytes, in order, to a second hub's ingest: the same customer, the same timeline.
    const other = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
    try {
      for (const d of pair) {
        const response = await fetch(`${ingestOf(other).url}/webhooks/shopify`, { method: 'POST', headers: d.headers, body: d.body });
        expect(response.status).toBe(202);
      }
      const inOrderId = await waitFor(() => other.stores.identities.findCustomerId({ kind: 'EMAIL', value: 'reordered@mail.example' }), { what: 'the in-order customer' });
      expect(inOrderId).toBe(customerId);
      const inOrder = await waitFor(async () => {
        const events = await readTimeline(other, inOrderId);
        return events.length === 2 && events;
      }, { what: 'the in-order pair on the timeline' });
      expect(inOrder).toEqual(reversed);
    } finally {
      await other.close();
    }
    // And delivering the pair again, in order, to the first hub changes nothing there.
    for (const delivery of pair) await deliver(delivery);
    await drained();
    expect(await readTimeline(hub, customerId)).toEqual(reversed);
    expect(await hub.stores.identities.getCustomer(customerId)).toMatchObject({
      identities: expect.arrayContaining([{ kind: 'EMAIL', value: 'reordered@mail.example' }, { kind: 'SHOPIFY', value: created.body.customerId }]),
    });
  });

  it('a forged delivery gets 401 and changes nothing', async () => {
    const customers = await hub.stores.identities.countCustomers();
    const body = JSON.stringify({ id: 999, email: 'forged.e2e@mail.example', created_at: new Date().toISOString() });
    const response = await fetch(`${ingestOf(hub).url}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'customers/create', 'x-shopify-hmac-sha256': 'AAAA' },
      body,
    });
    expect(response.status).toBe(401);
    await drained();
    expect(await hub.stores.identities.countCustomers()).toBe(customers);
  });
});
