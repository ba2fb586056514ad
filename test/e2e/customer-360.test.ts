/**
 * Issue 8 across all five vendors at once, through the gateway: a list screen costs each vendor a
 * handful of batched calls (not one per customer) and nothing from a warm cache, and a
 * customer-360 read calls the vendors in parallel, so it takes the time of the slowest vendor
 * rather than the sum of all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { CallSpan } from '../../sandboxes/kit/create-sandbox-app.js';
import { gql, startTestHub } from '../support/hub.js';

const VENDOR_FIELDS = `
  hubspot { id url lifecycleStage deals { id stage amount } recentEngagements { id type } subscriptions { status } }
  shopify { id numberOfOrders amountSpent { amount currencyCode } tags orders { nodes { id lineItems { sku quantity } } } abandonedCheckouts { id } }
  klaviyo { id lists { id } segments { id } predictiveAnalytics { predictedClv churnProbability } subscriptions { email { consent } } }
  metaAds { audiences { audienceId } leads { id createdTime } }
  googleAds { clicks(days: 2) { gclid } uploadedConversions { gclid } }
`;

const LIST = `query List { customers(first: 50) { edges { node { id ${VENDOR_FIELDS} } } } }`;
const ONE = `query One($email: String!) { customer(email: $email) { id ${VENDOR_FIELDS} } }`;

describe('vendor fields across all five vendors', () => {
  let hub: RunningHub;
  const world = generateWorld({ seed: 42, people: 60 });

  beforeAll(async () => {
    hub = await startTestHub({ SANDBOX_PEOPLE: '60' });
  });
  afterAll(async () => hub?.close());

  const callsByVendor = () =>
    Object.fromEntries(hub.sandboxes.map((s) => [s.vendor, Object.fromEntries(s.sandbox.calls)])) as Record<string, Record<string, number>>;
  const resetCalls = () =>
    hub.sandboxes.forEach((s) => {
      s.sandbox.calls.clear();
      s.sandbox.recent.length = 0;
    });

  it('reads a customer-360 from every vendor in parallel: the vendor calls overlap in time', async () => {
    // Someone held by HubSpot, Shopify, Klaviyo and Meta; this test runs first, so nothing is cached.
    const person = world.people.find((p) => p.hubspot && p.shopify && p.klaviyo && p.meta)!;
    for (const s of hub.sandboxes) s.sandbox.controls.latencyMs = 300;
    resetCalls();
    try {
      const { data, errors } = await gql(hub.gatewayUrl, ONE, { email: person.email });
      expect(errors).toBeUndefined();
      const customer = data!.customer;
      expect(customer.hubspot.id).toBe(person.hubspot!.contactId);
      expect(customer.shopify.id).toBe(`gid://shopify/Customer/${person.shopify!.customerId}`);
      expect(customer.klaviyo.id).toBe(person.klaviyo!.profileId);
      expect(customer.metaAds.leads.map((l: { id: string }) => l.id).sort()).toEqual(person.meta!.leads.map((l) => l.leadId).sort());

      // The first call each vendor received for this read: all of them were in flight at once.
      const firsts = hub.sandboxes
        .map((s) => s.sandbox.recent[0])
        .filter((span): span is CallSpan => span !== undefined && span.endedAt !== undefined);
      expect(firsts.length).toBeGreaterThanOrEqual(4);
      const latestStart = Math.max(...firsts.map((s) => s.startedAt));
      const earliestEnd = Math.min(...firsts.map((s) => s.endedAt!));
      expect(latestStart).toBeLessThan(earliestEnd);
    } finally {
      for (const s of hub.sandboxes) s.sandbox.controls.latencyMs = 0;
    }
  });

  it('answers customers(first: 50) with a few batched calls per vendor, and none from a warm cache', async () => {
    resetCalls();
    const cold = await gql(hub.gatewayUrl, LIST);
    expect(cold.errors).toBeUndefined();
    const nodes = cold.data!.customers.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toHaveLength(50);
    for (const vendor of ['hubspot', 'shopify', 'klaviyo'] as const) {
      // Dozens of the 50 people are held by each of these vendors…
      expect(nodes.filter((n: Record<string, unknown>) => n[vendor] !== null).length).toBeGreaterThan(15);
    }
    const calls = callsByVendor();
    for (const [vendor, routes] of Object.entries(calls)) {
      // …yet no vendor operation is called once per customer: every route stays a small constant
      // (HubSpot's one batch-read route serves five object types; Klaviyo reads memberships per list;
      // Google's click_view is one query per day asked for, here two).
      for (const [route, count] of Object.entries(routes)) {
        expect(count, `${vendor} ${route}`).toBeLessThanOrEqual(6);
      }
    }

    resetCalls();
    const warm = await gql(hub.gatewayUrl, LIST);
    expect(warm.data).toEqual(cold.data);
    expect(Object.values(callsByVendor()).map((routes) => Object.values(routes).reduce((a, b) => a + b, 0))).toEqual(
      hub.sandboxes.map(() => 0),
    );
  });
});
