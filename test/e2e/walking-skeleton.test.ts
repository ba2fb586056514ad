/**
 * The walking skeleton end to end: sandboxes → connectors → backfill → store → subgraphs →
 * gateway, all over real HTTP, the way `npm start` runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, startTestHub } from '../support/hub.js';

const CUSTOMER_360 = `query ($email: String!) {
  customer(email: $email) {
    id
    identities { kind value }
    hubspot { id email }
    shopify { id email }
    klaviyo { id email }
    metaAds { leads { id } }
  }
}`;

describe('walking skeleton', () => {
  let hub: RunningHub;
  const world = generateWorld({ seed: 42, people: 40 });
  // Someone held by HubSpot, Shopify and Klaviyo, each spelling the email their own way.
  const everywhere = world.people.find((p) => p.hubspot && p.shopify && p.klaviyo)!;
  // Someone not read before the vendor stops: vendor reads are cached, and a cached answer outlives an outage.
  const unread = world.people.filter((p) => p.hubspot && p.shopify && p.klaviyo)[1]!;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.close());

  it('answers a customer-360 query with data from every sandbox that holds the person', async () => {
    const messyEmail = `  ${everywhere.email.toUpperCase()} `;
    const { status, data, errors } = await gql(hub.gatewayUrl, CUSTOMER_360, { email: messyEmail });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    const customer = data!.customer;
    expect(customer.id).toMatch(/^cus_[0-9a-f]{24}$/);
    expect(customer.identities).toEqual(
      expect.arrayContaining([
        { kind: 'EMAIL', value: everywhere.email },
        { kind: 'HUBSPOT', value: everywhere.hubspot!.contactId },
        { kind: 'SHOPIFY', value: `gid://shopify/Customer/${everywhere.shopify!.customerId}` },
        { kind: 'KLAVIYO', value: everywhere.klaviyo!.profileId },
      ]),
    );
    expect(customer.hubspot).toEqual({ id: everywhere.hubspot!.contactId, email: everywhere.email });
    expect(customer.shopify.id).toBe(`gid://shopify/Customer/${everywhere.shopify!.customerId}`);
    expect(customer.shopify.email.toLowerCase()).toBe(everywhere.email);
    expect(customer.klaviyo.id).toBe(everywhere.klaviyo!.profileId);
  });

  it('joins everyone the sandboxes hold into one profile per person', async () => {
    const { data } = await gql(hub.gatewayUrl, '{ customers(first: 100) { totalCount } }');
    expect(data!.customers.totalCount).toBe(world.people.length);
  });

  it('returns null, not an error, for an unknown email, and refuses malformed input', async () => {
    const unknown = await gql(hub.gatewayUrl, CUSTOMER_360, { email: 'nobody@nowhere.example' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.customer).toBeNull();
    const malformed = await gql(hub.gatewayUrl, CUSTOMER_360, { email: 'not-an-email' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports health, and readiness of every subgraph', async () => {
    const base = new URL(hub.gatewayUrl);
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { subgraphs: { name: string; ok: boolean }[] };
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual(['customer', 'google-ads', 'hubspot', 'klaviyo', 'meta-ads', 'shopify']);
  });

  it('turns only the stopped vendor’s field into null, with an error naming the vendor', async () => {
    const hubspot = hub.sandboxes.find((s) => s.vendor === 'hubspot')!;
    await hubspot.close();
    const { status, data, errors } = await gql(hub.gatewayUrl, CUSTOMER_360, { email: unread.email });
    expect(status).toBe(200);
    expect(data!.customer.hubspot).toBeNull();
    expect(data!.customer.shopify.id).toBe(`gid://shopify/Customer/${unread.shopify!.customerId}`);
    expect(data!.customer.klaviyo.id).toBe(unread.klaviyo!.profileId);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.path).toEqual(['customer', 'hubspot']);
    expect(errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', vendor: 'hubspot' });
    expect(errors![0]!.message).toMatch(/HubSpot/);
  });
});
