/**
 * Timeouts per vendor (issue 8), through the gateway: once the hub is up (its first sync read
 * every vendor at full speed), the HubSpot, Shopify and Klaviyo sandboxes are made equally slow
 * through their latency control, so only the bound each vendor is given decides the outcome. Klaviyo's own
 * KLAVIYO_TIMEOUT_MS is shorter than the latency, so its field turns null with UPSTREAM_TIMEOUT
 * naming Klaviyo; HubSpot's own bound and Shopify's fallback (VENDOR_TIMEOUT_MS) are longer, so
 * both answer in the same response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { gql, startTestHub } from '../support/hub.js';

const LATENCY_MS = 600;
const QUERY = `query ($email: String!) {
  customer(email: $email) { id hubspot { id } shopify { id } klaviyo { id } }
}`;

describe('per-vendor timeouts', () => {
  let hub: RunningHub;
  const world = generateWorld({ seed: 42, people: 40 });
  const everywhere = world.people.filter((p) => p.hubspot && p.shopify && p.klaviyo);

  /** Sets a sandbox's added latency through its admin route, as a demo would. */
  const setLatency = async (vendor: string, latencyMs: number) => {
    const url = hub.sandboxes.find((s) => s.vendor === vendor)!.url;
    const response = await fetch(`${url}/__sandbox/controls`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs }),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    hub = await startTestHub({
      VENDOR_TIMEOUT_MS: String(LATENCY_MS * 8),
      HUBSPOT_TIMEOUT_MS: String(LATENCY_MS * 6),
      KLAVIYO_TIMEOUT_MS: String(LATENCY_MS / 3),
    });
    for (const vendor of ['hubspot', 'shopify', 'klaviyo']) await setLatency(vendor, LATENCY_MS);
  });
  afterAll(async () => hub?.close());

  it('gives each vendor its own bound, falling back to VENDOR_TIMEOUT_MS', () => {
    expect(hub.config.vendorTimeouts).toEqual({
      hubspot: LATENCY_MS * 6,
      shopify: LATENCY_MS * 8,
      klaviyo: LATENCY_MS / 3,
      meta: LATENCY_MS * 8,
      'google-ads': LATENCY_MS * 8,
    });
  });

  it('times out only the vendor whose own bound is shorter than its answer, naming it, and answers the rest', async () => {
    const person = everywhere[0]!;
    const klaviyoUrl = hub.sandboxes.find((s) => s.vendor === 'klaviyo')!.url;
    await fetch(`${klaviyoUrl}/__sandbox/calls`, { method: 'DELETE' });
    const response = await gql(hub.gatewayUrl, QUERY, { email: person.email });
    expect(response.status).toBe(200);
    expect(response.data!.customer.klaviyo).toBeNull();
    expect(response.data!.customer.hubspot).toEqual({ id: person.hubspot!.contactId });
    expect(response.data!.customer.shopify.id).toBe(`gid://shopify/Customer/${person.shopify!.customerId}`);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ['customer', 'klaviyo'], extensions: { code: 'UPSTREAM_TIMEOUT', vendor: 'klaviyo' } });
    // Klaviyo was asked (and was slow); the hub stopped waiting, not the sandbox answering an error.
    expect((await (await fetch(`${klaviyoUrl}/__sandbox/calls`)).json()).total).toBeGreaterThan(0);
  });

  it('answers Klaviyo again once it is faster than its bound', async () => {
    await setLatency('klaviyo', 0);
    try {
      const person = everywhere[1]!;
      const response = await gql(hub.gatewayUrl, QUERY, { email: person.email });
        expect(response.errors).toBeUndefined();
      expect(response.data!.customer.klaviyo).toEqual({ id: person.klaviyo!.profileId });
    } finally {
      await setLatency('klaviyo', LATENCY_MS);
    }
  });
});
