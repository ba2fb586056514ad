import { describe, expect, it } from 'vitest';
import { CostBucket } from './cost-bucket.js';
import { createTestShopify } from './testing.js';

/** A store with a small bucket (100 points, 10/s) on a clock the test moves. */
function smallBucketShop() {
  let now = Date.parse('2026-11-01T00:00:00Z');
  const clock = () => now;
  const shop = createTestShopify({ bucket: new CostBucket(100, 10, clock), now: clock });
  const shoppers = shop.world.people.filter((p) => p.shopify).length;
  return { ...shop, shoppers, advance: (ms: number) => (now += ms) };
}

describe('Shopify sandbox: calculated query cost', () => {
  it('reports requested and actual cost and the bucket on every response, queries and mutations', async () => {
    const { gql } = smallBucketShop();
    const query = await gql('{ customer(id: "gid://shopify/Customer/7000000000001") { id defaultAddress { city } } }');
    expect(query.body.extensions.cost).toEqual({
      requestedQueryCost: 2,
      actualQueryCost: 2,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 98, restoreRate: 10 },
    });
    const mutation = await gql(`mutation { customerRequestDataErasure(customerId: "gid://shopify/Customer/1") { customerId userErrors { code } } }`);
    expect(mutation.body.extensions.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });

  it('charges connections 2 + first × node cost up front and refunds what did not come back', async () => {
    const { gql, shoppers } = smallBucketShop();
    const { body } = await gql('{ customers(first: 45) { nodes { id defaultAddress { city } } } }');
    expect(body.data.customers.nodes).toHaveLength(shoppers);
    expect(body.extensions.cost.requestedQueryCost).toBe(2 + 45 * 2);
    expect(body.extensions.cost.actualQueryCost).toBe(2 + shoppers * 2);
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(100 - (2 + shoppers * 2));
  });

  it('charges nodes(ids:) one node per id and an unknown id nothing in the actual cost', async () => {
    const { gql } = smallBucketShop();
    const { body } = await gql('{ nodes(ids: ["gid://shopify/Customer/7000000000001", "gid://shopify/Customer/2"]) { id } }');
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 2, actualQueryCost: 1 });
  });

  it('throttles with HTTP 200, a THROTTLED error, no data and a null actual cost; the bucket refills with time', async () => {
    const { gql, shoppers, advance } = smallBucketShop();
    const query = `{ customers(first: ${shoppers}) { nodes { id } } }`;
    const cost = 2 + shoppers;
    let available = 100;
    while (available >= cost) {
      const ok = await gql(query);
      expect(ok.body.errors).toBeUndefined();
      available -= cost;
      expect(ok.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(available);
    }
    const refused = await gql(query);
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } },
    ]);
    expect(refused.body.extensions.cost).toEqual({
      requestedQueryCost: cost,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: available, restoreRate: 10 },
    });
    // Waiting (requested − available) / restoreRate seconds is exactly enough.
    advance(Math.ceil(((cost - available) / 10) * 1000));
    const again = await gql(query);
    expect(again.body.errors).toBeUndefined();
  });

  it('refuses a query over 1000 points before running it, without touching the bucket', async () => {
    const { gql } = smallBucketShop();
    const { status, body } = await gql('{ customers(first: 250) { nodes { orders(first: 10) { nodes { id } } } } }');
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 2 + 250 * (1 + 2 + 10), maxCost: 1000 });
    const next = await gql('{ customer(id: "gid://shopify/Customer/7000000000001") { id } }');
    expect(next.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(99);
  });

  it('never throttles when the throttling control is off', async () => {
    const { gql, sandbox } = smallBucketShop();
    sandbox.bucket.drain();
    sandbox.controls.throttling = false;
    const { body } = await gql('{ customers(first: 10) { nodes { id } } }');
    expect(body.errors).toBeUndefined();
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
  });
});
