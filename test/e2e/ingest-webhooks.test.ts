/**
 * Ingest end to end: the sandboxes send real signed webhooks to a running hub; the receiver
 * queues them, the worker maps them through the connectors and applies them; the events are then
 * read back through the gateway on `Customer.timeline`, as a client reads them. Replays and
 * reordered deliveries must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, startTestHub } from '../support/hub.js';
import { ingestOf, sandboxAdmin } from '../support/ingest.js';
import { gatewayTimeline, type GatewayTimelineEvent } from '../support/timeline.js';
import { waitFor } from '../support/wait-for.js';

/** Waits until the queue has nothing left to run (every delivery applied or dead). */
const drained = (hub: RunningHub) =>
  waitFor(async () => {
    const c = await ingestOf(hub).queue.counts();
    return c.waiting + c.active + c.delayed === 0;
  }, { what: 'the webhook queue to drain' });

/** The timeline of the customer with this email once it holds an event of `type`. */
const timelineWith = (hub: RunningHub, email: string, type: string) =>
  waitFor(async () => {
    const found = await gatewayTimeline(hub, email);
    return found?.events.some((e) => e.type === type) && found;
  }, { what: `${type} on the timeline` });

describe('webhooks through ingest onto Customer.timeline', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
  });
  afterAll(async () => hub?.close());

  it('a Shopify order placed in the sandbox is on the customer’s timeline through the gateway', async () => {
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'Order.Path@Mail.Example', firstName: 'Ola' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', {
      customerId: created.body.customerId,
      lineItems: [{ sku: 'MUG-1', title: 'Mug', quantity: 2, unitPrice: '12.50' }],
    });
    expect(order.body.webhooks.every((w: { status: number }) => w.status === 202)).toBe(true);
    const { events } = await timelineWith(hub, 'order.path@mail.example', 'ORDER_PLACED');
    const placed = events.find((e) => e.type === 'ORDER_PLACED')!;
    expect(placed).toMatchObject({
      channel: 'COMMERCE',
      source: 'SHOPIFY',
      details: { __typename: 'TimelineOrderDetails', orderTotal: { amount: '25.00', currencyCode: 'USD' }, itemCount: 2 },
    });
    expect(placed.summary).not.toContain('@');
    expect(events.map((e) => e.type)).toContain('PROFILE_CREATED');
  });

  it('a HubSpot sales email, a Klaviyo campaign email and a Meta lead (webhooks that name records ingest must read) arrive too', async () => {
    const contact = await sandboxAdmin(hub, 'hubspot', 'POST', '/actions/contacts', { email: 'sales.path@mail.example', firstname: 'Sal' });
    expect(contact.body.delivery.status).toBe(202);
    const email = await sandboxAdmin(hub, 'hubspot', 'POST', `/actions/contacts/${contact.body.record.id}/sales-emails`, { subject: 'Your quote' });
    expect(email.body.delivery.status).toBe(202);
    const sales = await timelineWith(hub, 'sales.path@mail.example', 'SALES_EMAIL');
    expect(sales.events.find((e) => e.type === 'SALES_EMAIL')).toMatchObject({ source: 'HUBSPOT', channel: 'SALES' });

    const lead = await sandboxAdmin(hub, 'meta', 'POST', '/actions/submit-lead', { email: 'lead.path@mail.example', fullName: 'Lee Path' });
    const leads = await timelineWith(hub, 'lead.path@mail.example', 'LEAD_SUBMITTED');
    expect(leads.events[0]!.details).toMatchObject({ __typename: 'TimelineAdDetails', leadId: String(lead.body.lead.id) });

    const [profile] = (await hub.connectors.klaviyo.client.listProfiles({ pageSize: 1 }).next()).value!;
    const sent = await sandboxAdmin(hub, 'klaviyo', 'POST', '/actions/send-email', { profileId: profile!.id, subject: 'Winter sale' });
    expect(sent.status).toBe(200);
    const customerId = await waitFor(() => hub.stores.identities.findCustomerId({ kind: 'KLAVIYO', value: profile!.id }), { what: 'the Klaviyo customer' });
    const { data } = await waitFor(async () => {
      const answer = await gql(hub.gatewayUrl, 'query ($id: ID!) { customer(id: $id) { timeline(first: 5, types: [EMAIL_SENT]) { edges { node { source details { ... on TimelineMessageDetails { subject } } } } } } }', { id: customerId });
      return answer.data?.customer?.timeline.edges.length > 0 && answer;
    }, { what: 'the campaign email' });
    expect(data!.customer.timeline.edges[0].node).toEqual({ source: 'KLAVIYO', details: { subject: 'Winter sale' } });
  });

  it('a replayed delivery leaves the timeline unchanged', async () => {
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'replayed@mail.example' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    await timelineWith(hub, 'replayed@mail.example', 'ORDER_PLACED');
    await drained(hub);
    const before = await gatewayTimeline(hub, 'replayed@mail.example');
    for (const delivery of [...created.body.webhooks, ...order.body.webhooks]) {
      const replay = await sandboxAdmin(hub, 'shopify', 'POST', `/webhooks/${delivery.id}/replay`);
      expect(replay.body.status).toBe(202);
    }
    await drained(hub);
    expect(await gatewayTimeline(hub, 'replayed@mail.example')).toEqual(before);
  });

  it('a pair delivered in reverse order gives the timeline the in-order pair gives', async () => {
    // The sandbox records without sending while it has no target; the test then delivers the
    // pair itself, with the exact signed bytes and headers from the sandbox's log.
    const target = (await sandboxAdmin(hub, 'shopify', 'GET', '/webhooks')).body.target as string;
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target: null });
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'reordered@mail.example' });
    const order = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target });
    expect(await gatewayTimeline(hub, 'reordered@mail.example')).toBeUndefined();

    const ids = new Set([...created.body.webhooks, ...order.body.webhooks].map((d: { id: string }) => d.id));
    const log = (await sandboxAdmin(hub, 'shopify', 'GET', '/webhooks')).body.deliveries as { id: string; headers: Record<string, string>; body: string }[];
    const pair = log.filter((d) => ids.has(d.id));
    expect(pair).toHaveLength(ids.size);
    const deliver = async (to: RunningHub, d: (typeof pair)[number]) => {
      const response = await fetch(`${ingestOf(to).url}/webhooks/shopify`, { method: 'POST', headers: d.headers, body: d.body });
      expect(response.status).toBe(202);
    };

    for (const delivery of [...pair].reverse()) await deliver(hub, delivery);
    await drained(hub);
    const reversed = (await gatewayTimeline(hub, 'reordered@mail.example'))!;
    expect(reversed.events.map((e) => e.type).sort()).toEqual(['ORDER_PLACED', 'PROFILE_CREATED']);
    // Newest first, whatever the arrival order.
    const times = reversed.events.map((e: GatewayTimelineEvent) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());

    // The same signed bytes, in order, to a second hub's ingest: the same customer, the same timeline.
    const other = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
    try {
      for (const delivery of pair) await deliver(other, delivery);
      await drained(other);
      expect(await gatewayTimeline(other, 'reordered@mail.example')).toEqual(reversed);
    } finally {
      await other.close();
    }
    // And the pair again, in order, to the first hub changes nothing there.
    for (const delivery of pair) await deliver(hub, delivery);
    await drained(hub);
    expect(await gatewayTimeline(hub, 'reordered@mail.example')).toEqual(reversed);
  });

  it('a Shopify customers/redact erases the person from the hub (eraseCustomer, told to every vendor)', async () => {
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'redact.me@mail.example' });
    await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    const { customerId } = await timelineWith(hub, 'redact.me@mail.example', 'ORDER_PLACED');
    const redact = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/redact', { customerId: created.body.customerId });
    expect(redact.body.webhooks.map((w: { topic: string; status: number }) => [w.topic, w.status])).toContainEqual(['customers/redact', 202]);
    await waitFor(async () => (await gatewayTimeline(hub, 'redact.me@mail.example')) === undefined, { what: 'the person erased' });
    expect(await hub.stores.timeline.count(customerId)).toBe(0);
    // What the vendors send back while they erase (their own webhooks) brings nobody back.
    await drained(hub);
    expect(await hub.stores.identities.findCustomerId({ kind: 'SHOPIFY', value: created.body.customerId })).toBeUndefined();
    expect(await gatewayTimeline(hub, 'redact.me@mail.example')).toBeUndefined();
  });

  it('a forged delivery gets 401 and changes nothing', async () => {
    const count = async () => (await gql(hub.gatewayUrl, '{ customers(first: 1) { totalCount } }')).data!.customers.totalCount as number;
    const before = await count();
    const body = JSON.stringify({ id: 999, email: 'forged.e2e@mail.example', created_at: new Date().toISOString() });
    const response = await fetch(`${ingestOf(hub).url}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'customers/create', 'x-shopify-hmac-sha256': 'AAAA' },
      body,
    });
    expect(response.status).toBe(401);
    await drained(hub);
    expect(await count()).toBe(before);
    expect(await gatewayTimeline(hub, 'forged.e2e@mail.example')).toBeUndefined();
  });
});
