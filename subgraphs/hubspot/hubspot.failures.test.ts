/**
 * When HubSpot fails, a query through the gateway still answers: `hubspot` is null, the other
 * vendors' fields are there, and one error names HubSpot with a stable code. Each failure is
 * driven through the sandbox's controls, on someone not read before (a cached answer would,
 * rightly, outlive the failure). The outage comes last: it opens HubSpot's circuit breaker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { gql, startTestHub } from '../../test/support/hub.js';

const QUERY = `query ($email: String!) { customer(email: $email) { id shopify { id } hubspot { id lifecycleStage } } }`;
const people = generateWorld({ seed: 42, people: 40 }).people.filter((p) => p.hubspot && p.shopify);

let hub: RunningHub;
let sandboxUrl: string;
const admin = (path: string, body: unknown) =>
  fetch(`${sandboxUrl}/__sandbox${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  hub = await startTestHub({ VENDOR_TIMEOUT_MS: '1000' });
  sandboxUrl = hub.sandboxes.find((s) => s.vendor === 'hubspot')!.url;
});
afterAll(async () => hub?.close());

async function expectPartial(email: string, code: string) {
  const { status, data, errors } = await gql(hub.gatewayUrl, QUERY, { email });
  expect(status).toBe(200);
  expect(data!.customer.id).toMatch(/^cus_/);
  expect(data!.customer.shopify).not.toBeNull();
  expect(data!.customer.hubspot).toBeNull();
  expect(errors).toHaveLength(1);
  expect(errors![0]!.path).toEqual(['customer', 'hubspot']);
  expect(errors![0]!.extensions).toMatchObject({ code, vendor: 'hubspot' });
  expect(errors![0]!.message).toMatch(/HubSpot/);
}

describe('Customer.hubspot when HubSpot fails', () => {
  it('UPSTREAM_AUTH when HubSpot refuses the token', async () => {
    await admin('/token', { revoked: true });
    await expectPartial(people[0]!.email, 'UPSTREAM_AUTH');
    await admin('/token', { revoked: false });
  });

  it('UPSTREAM_THROTTLED when HubSpot’s rolling window is spent for longer than the read may wait', async () => {
    // A 2-second window: its 429 asks for a 2 s wait, past the 1 s budget of an interactive read.
    await admin('/rate-limits', { perInterval: 0, intervalMs: 2000 });
    await expectPartial(people[1]!.email, 'UPSTREAM_THROTTLED');
    await admin('/rate-limits', { perInterval: 190, intervalMs: 10_000 });
  });

  it('UPSTREAM_TIMEOUT when HubSpot is slower than the vendor timeout', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the throttle's pause runs out
    await admin('/controls', { latencyMs: 2000 });
    await expectPartial(people[2]!.email, 'UPSTREAM_TIMEOUT');
    await admin('/controls', { latencyMs: 0 });
  });

  it('UPSTREAM_UNAVAILABLE during an outage', async () => {
    await admin('/controls', { outage: true });
    await expectPartial(people[3]!.email, 'UPSTREAM_UNAVAILABLE');
    await admin('/controls', { outage: false });
  });
});
