/**
 * Partial results through the gateway when Shopify refuses, stalls or throttles: the Shopify
 * field alone is null, with an error naming Shopify and a stable code; the rest of the answer
 * arrives. Each case is set up with the sandbox's own controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { ShopifySandbox } from '../../sandboxes/shopify/app.js';
import { gql, startTestHub } from '../../test/support/hub.js';

let hub: RunningHub;
let sandbox: ShopifySandbox;
let sandboxUrl: string;

beforeAll(async () => {
  // A one-second budget per vendor read keeps the slow and throttled cases short.
  hub = await startTestHub({ VENDOR_TIMEOUT_MS: '1000' });
  const running = hub.sandboxes.find((s) => s.vendor === 'shopify')!;
  sandbox = running.sandbox as ShopifySandbox;
  sandboxUrl = running.url;
});
afterAll(async () => hub?.close());

const QUERY = `query($email: String!) { customer(email: $email) { id klaviyo { id } shopify { id numberOfOrders } } }`;
const put = (path: string, body: unknown) =>
  fetch(`${sandboxUrl}/__sandbox/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Each case reads a different person, so no cached read hides the failure. */
function shopperEmail(n: number): string {
  const customers = [...sandbox.state.customers.values()];
  return customers[n]!.email!.trim().toLowerCase();
}

async function expectShopifyFailure(email: string, code: string) {
  const { status, data, errors } = await gql(hub.gatewayUrl, QUERY, { email });
  expect(status).toBe(200);
  expect(data!.customer.id).toMatch(/^cus_/);
  expect(data!.customer.shopify).toBeNull();
  expect(errors).toHaveLength(1);
  expect(errors![0]).toMatchObject({ path: ['customer', 'shopify'], extensions: { code, vendor: 'shopify' } });
  expect(errors![0]!.message).toMatch(/^Shopify is unavailable for this field/);
  return data!;
}

describe('Customer.shopify partial results', () => {
  it('UPSTREAM_AUTH when Shopify refuses the access token', async () => {
    await put('access-token', { token: 'shpat_rotated_elsewhere' });
    try {
      await expectShopifyFailure(shopperEmail(2), 'UPSTREAM_AUTH');
    } finally {
      await put('access-token', { token: 'shpat_sandbox_shopify_access_token' });
    }
  });

  it('UPSTREAM_TIMEOUT when Shopify answers slower than the read budget', async () => {
    sandbox.controls.latencyMs = 1500;
    try {
      await expectShopifyFailure(shopperEmail(3), 'UPSTREAM_TIMEOUT');
    } finally {
      sandbox.controls.latencyMs = 0;
    }
  });

  it('UPSTREAM_THROTTLED when the bucket cannot refill within the read budget', async () => {
    await put('bucket', { currentlyAvailable: 0, restoreRate: 1 });
    try {
      await expectShopifyFailure(shopperEmail(4), 'UPSTREAM_THROTTLED');
    } finally {
      await put('bucket', { currentlyAvailable: 2000, restoreRate: 100 });
    }
  });
});
