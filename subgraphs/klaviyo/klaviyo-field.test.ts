/**
 * `Customer.klaviyo` through the gateway of a whole test hub: the content, one vendor call per
 * Klaviyo operation for a page of customers, none from a warm cache, and a fresh read once a
 * Klaviyo webhook has invalidated the person's entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { createKlaviyoWebhookHandler } from '../../connectors/klaviyo/webhooks.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import { gql, startTestHub, subgraphPost } from '../../test/support/hub.js';
import { waitFor } from '../../test/support/wait-for.js';

const PAGE_QUERY = `query ($first: Int!) {
  customers(first: $first) {
    edges { node {
      id
      identities { kind value }
      klaviyo {
        id
        lists { id name optInProcess }
        segments { id name }
        predictiveAnalytics { historicClv predictedClv totalClv historicNumberOfOrders churnProbability expectedDateOfNextOrder averageDaysBetweenOrders }
        subscriptions {
          email { consent canReceive consentedAt method doubleOptIn suppressions { reason at } listSuppressions { listId reason at } }
          sms { consent canReceive consentedAt method methodDetail }
        }
      }
    } }
  }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

describe('Customer.klaviyo through the gateway', () => {
  let hub: RunningHub;
  let sandbox: RunningHub['sandboxes'][number]['sandbox'];
  const calls = () => Object.fromEntries(sandbox.calls);
  const page = async () => {
    const response = await gql(hub.gatewayUrl, PAGE_QUERY, { first: 50 });
    expect(response.errors).toBeUndefined();
    return response.data!.customers.edges.map((e: Json) => e.node) as Json[];
  };

  beforeAll(async () => {
    hub = await startTestHub();
    sandbox = hub.sandboxes.find((s) => s.vendor === 'klaviyo')!.sandbox;
  });
  afterAll(async () => hub?.close());

  it('answers profile id, lists, segments, predictive analytics and subscriptions with one call per Klaviyo operation', async () => {
    sandbox.calls.clear();
    const nodes = await page();
    const held = nodes.filter((n) => n.identities.some((i: Json) => i.kind === 'KLAVIYO'));
    expect(held.length).toBeGreaterThan(20);
    for (const node of nodes) {
      const klaviyoId = node.identities.find((i: Json) => i.kind === 'KLAVIYO')?.value;
      if (!klaviyoId) {
        expect(node.klaviyo).toBeNull();
        continue;
      }
      expect(node.klaviyo.id).toBe(klaviyoId);
      expect(['SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED']).toContain(node.klaviyo.subscriptions.email.consent);
      const newsletter = node.klaviyo.lists.some((l: Json) => l.name === 'Newsletter');
      expect(newsletter).toBe(node.klaviyo.subscriptions.email.consent === 'SUBSCRIBED');
      if (node.klaviyo.predictiveAnalytics.historicNumberOfOrders >= 2) expect(node.klaviyo.segments.map((s: Json) => s.name)).toContain('Repeat buyers');
    }
    const withOrders = held.filter((n) => n.klaviyo.predictiveAnalytics.historicNumberOfOrders > 0);
    expect(withOrders.length).toBeGreaterThan(0);
    expect(withOrders.every((n) => n.klaviyo.predictiveAnalytics.historicClv > 0 && n.klaviyo.predictiveAnalytics.churnProbability !== null)).toBe(true);
    // One call per operation, whatever the number of customers; memberships cost one call per group.
    expect(calls()).toEqual({
      'GET /api/profiles': 1,
      'GET /api/lists': 1,
      'GET /api/segments': 1,
      'GET /api/lists/:id/profiles': 3,
      'GET /api/segments/:id/profiles': 4,
    });
  });

  it('costs Klaviyo nothing from a warm cache', async () => {
    await page();
    sandbox.calls.clear();
    await page();
    expect(calls()).toEqual({});
  });

  it('reads a person again after a Klaviyo webhook invalidated their entries', async () => {
    await page();
    const nodes = await page();
    const person = nodes.find((n) => n.klaviyo?.subscriptions.email.consent === 'SUBSCRIBED' && n.klaviyo.subscriptions.email.canReceive)!;
    const action = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/unsubscribe', payload: { profileId: person.klaviyo.id, channel: 'email' } });
    expect(action.statusCode).toBe(200);
    // The sandbox posts the signed delivery to the hub's ingest, which drops the cache entries it
    // names: the keys are those the delivery maps to, and they were cached by the reads above.
    const delivery = sandbox.webhooks.deliveries().at(-1)!;
    const request = { method: 'POST', url: 'http://ingest/webhooks/klaviyo', headers: delivery.headers, rawBody: Buffer.from(delivery.body), query: {} };
    const keys = (await createKlaviyoWebhookHandler({ secret: hub.config.klaviyo.webhookSecret }).toBatch(request)).changed.map(cacheKeyOf);
    expect(keys.length).toBeGreaterThan(0);
    await waitFor(async () => (await Promise.all(keys.map((key) => hub.cache.get(key)))).every((value) => value === undefined), { what: 'ingest to drop the cached reads' });
    sandbox.calls.clear();
    const after = (await page()).find((n) => n.id === person.id)!;
    expect(after.klaviyo.subscriptions.email).toMatchObject({ consent: 'UNSUBSCRIBED', canReceive: false });
    expect(after.klaviyo.lists.map((l: Json) => l.name)).not.toContain('Newsletter');
    expect(calls()).toEqual({ 'GET /api/profiles': 1, 'GET /api/profiles/:id/lists': 1, 'GET /api/profiles/:id/segments': 1 });
  });

  it('answers a customer-360 read of one person with one call per operation', async () => {
    const nodes = await page();
    const one = nodes.find((n) => n.klaviyo)!;
    await hub.cache.delete(...['profile', 'profile-lists', 'profile-segments'].map((entity) => cacheKeyOf({ vendor: 'klaviyo', entity, id: one.klaviyo.id })));
    sandbox.calls.clear();
    const response = await gql(hub.gatewayUrl, `query ($id: ID!) { customer(id: $id) { klaviyo { id email lists { name } segments { name } } } }`, { id: one.id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.customer.klaviyo.id).toBe(one.klaviyo.id);
    expect(calls()).toEqual({ 'GET /api/profiles': 1, 'GET /api/profiles/:id/lists': 1, 'GET /api/profiles/:id/segments': 1 });
  });

  it('sends Cache-Control hints: private, as long as the vendor reads are cached', async () => {
    const nodes = await page();
    const one = nodes.find((n) => n.klaviyo)!;
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {
      klaviyo { id subscriptions { email { consent suppressions { reason } } sms { consent } } predictiveAnalytics { historicClv } lists { name } segments { name } }
    } } }`;
    const representations = [{ __typename: 'Customer', id: one.id, identities: [{ kind: 'KLAVIYO', value: one.klaviyo.id }] }];
    const response = await subgraphPost(hub, 'klaviyo', { query, variables: { r: representations } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=300, private');
    expect(((await response.json()) as Json).data._entities[0].klaviyo.id).toBe(one.klaviyo.id);
  });
});
