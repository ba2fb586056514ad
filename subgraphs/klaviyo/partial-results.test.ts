/**
 * Klaviyo failing in each way a vendor fails, through the gateway: the `klaviyo` field turns null
 * with an error naming Klaviyo and a stable code, and the rest of the customer still arrives.
 * The sandbox's own controls make each failure real (a revoked key, its rate limits, latency, outage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { KLAVIYO_ENTITIES } from '../../connectors/klaviyo/cache-entities.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { gql, startTestHub } from '../../test/support/hub.js';

const QUERY = `query ($email: String!) {
  customer(email: $email) { id hubspot { id } shopify { id } klaviyo { id subscriptions { email { consent } } } }
}`;
// Under a second, so that Klaviyo's one-second Retry-After is longer than an interactive read may wait.
const VENDOR_TIMEOUT_MS = 950;

describe('Customer.klaviyo when Klaviyo fails', () => {
  let hub: RunningHub;
  const world = generateWorld({ seed: 42, people: 40 });
  // People held by HubSpot, Shopify and Klaviyo alike, so the rest of the answer is visible.
  const everywhere = world.people.filter((p) => p.hubspot && p.shopify && p.klaviyo);
  const admin = (method: 'PUT' | 'POST', url: string, payload: object) =>
    hub.sandboxes.find((s) => s.vendor === 'klaviyo')!.sandbox.app.inject({ method, url, payload });
  /** Forgets what the hub cached about the person, so the next read goes to Klaviyo. */
  const forget = (profileId: string) => hub.cache.delete(...Object.values(KLAVIYO_ENTITIES).map((entity) => cacheKeyOf({ vendor: 'klaviyo', entity, id: profileId })));
  const ask = async (person: (typeof everywhere)[number]) => {
    await forget(person.klaviyo!.profileId);
    return gql(hub.gatewayUrl, QUERY, { email: person.email });
  };
  const expectPartial = (response: Awaited<ReturnType<typeof ask>>, person: (typeof everywhere)[number], code: string) => {
    expect(response.status).toBe(200);
    expect(response.data!.customer.klaviyo).toBeNull();
    expect(response.data!.customer.hubspot).toEqual({ id: person.hubspot!.contactId });
    expect(response.data!.customer.shopify.id).toBe(`gid://shopify/Customer/${person.shopify!.customerId}`);
    const error = response.errors!.find((e) => e.extensions?.vendor === 'klaviyo')!;
    expect(error.path).toEqual(['customer', 'klaviyo']);
    expect(error.extensions).toMatchObject({ code, vendor: 'klaviyo' });
    return error;
  };

  beforeAll(async () => {
    hub = await startTestHub({ VENDOR_TIMEOUT_MS: String(VENDOR_TIMEOUT_MS) });
    expect(everywhere.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(async () => hub?.close());

  it('answers in full while Klaviyo is well', async () => {
    const person = everywhere[0]!;
    const response = await ask(person);
    expect(response.errors).toBeUndefined();
    expect(response.data!.customer.klaviyo.id).toBe(person.klaviyo!.profileId);
  });

  it('UPSTREAM_AUTH when Klaviyo refuses the key', async () => {
    await admin('PUT', '/__sandbox/credentials', { apiKey: 'pk_rotated_elsewhere' });
    try {
      const error = expectPartial(await ask(everywhere[1]!), everywhere[1]!, 'UPSTREAM_AUTH');
      expect(error.extensions).toMatchObject({ retryable: false });
      expect(JSON.stringify(error)).not.toContain('pk_');
    } finally {
      await admin('PUT', '/__sandbox/credentials', { apiKey: hub.config.klaviyo.credential });
    }
  });

  it('UPSTREAM_THROTTLED when Klaviyo answers 429 and its wait is longer than the read may take', async () => {
    await admin('PUT', '/__sandbox/rate-limits', { 'profiles:predictive': { burst: 1, steady: 1000 } });
    try {
      const people = everywhere.slice(2, 5);
      const responses = await Promise.all(people.map((p) => ask(p)));
      const throttled = responses.flatMap((r, i) => (r.errors?.some((e) => e.extensions?.code === 'UPSTREAM_THROTTLED') ? [[r, people[i]!] as const] : []));
      expect(throttled.length).toBeGreaterThanOrEqual(1);
      for (const [response, person] of throttled) {
        const error = expectPartial(response, person, 'UPSTREAM_THROTTLED');
        expect(error.extensions).toMatchObject({ retryable: true, retryAfterMs: expect.any(Number) });
      }
    } finally {
      await admin('PUT', '/__sandbox/rate-limits', { 'profiles:predictive': { burst: 10, steady: 150 } });
      // Klaviyo's wait (one second) also paused the hub's rate budget for the account.
      await new Promise((resolve) => setTimeout(resolve, 1200));
    }
  });

  it('UPSTREAM_TIMEOUT when Klaviyo answers later than the vendor timeout', async () => {
    await admin('PUT', '/__sandbox/controls', { latencyMs: VENDOR_TIMEOUT_MS * 2 });
    try {
      expectPartial(await ask(everywhere[1]!), everywhere[1]!, 'UPSTREAM_TIMEOUT');
    } finally {
      await admin('PUT', '/__sandbox/controls', { latencyMs: 0 });
    }
  });

  it('UPSTREAM_UNAVAILABLE when Klaviyo is down', async () => {
    await admin('PUT', '/__sandbox/controls', { outage: true });
    try {
      expectPartial(await ask(everywhere[2]!), everywhere[2]!, 'UPSTREAM_UNAVAILABLE');
    } finally {
      await admin('PUT', '/__sandbox/controls', { outage: false });
    }
  });
});
