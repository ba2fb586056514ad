/**
 * The Shopify client when Shopify misbehaves, over HTTP against the sandbox's controls: it slows
 * down on THROTTLED and finishes, retries a 5xx, opens its breaker on an outage and closes it
 * again, gives up at once on refused credentials, and times out on a slow answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CostBucket } from '../../sandboxes/shopify/cost-bucket.js';
import { startShopifySandbox, type RunningShopify } from '../../test/support/shopify-sandbox.js';
import type { VendorError } from '../http/errors.js';

let shop: RunningShopify | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

const calls = (s: RunningShopify) => s.sandbox.calls.get('POST /admin/api/:version/graphql.json') ?? 0;
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure'), (e: VendorError) => e);

describe('Shopify client resilience', () => {
  it('slows down on THROTTLED by the bucket arithmetic and finishes every read without error', async () => {
    // A 100-point bucket restoring 200 points/s: eight 37-point reads at once cannot all fit.
    shop = await startShopifySandbox({ bucket: new CostBucket(100, 200) });
    const retries: { reason: string; waitMs: number }[] = [];
    const client = shop.client({ retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 2000 }, onRetry: (e) => retries.push(e) });
    // Start empty: on a loaded machine the reads could otherwise arrive slowly enough never to collide.
    shop.sandbox.bucket.drain();
    const pages = await Promise.all(Array.from({ length: 8 }, () => client.customersPage(null, null, 5)));
    expect(pages.every((p) => p.nodes.length === 5)).toBe(true);
    expect(retries.length).toBeGreaterThan(0);
    for (const retry of retries) {
      expect(retry.reason).toMatch(/UPSTREAM_THROTTLED.*vendor-requested wait/);
      // Never longer than a 37-point deficit at 200 points/s (185 ms), plus jitter.
      expect(retry.waitMs).toBeLessThanOrEqual(185 + 250);
    }
  });

  it('fails fast with UPSTREAM_THROTTLED when the wait would pass the caller’s deadline', async () => {
    shop = await startShopifySandbox({ bucket: new CostBucket(100, 1) });
    shop.sandbox.bucket.drain();
    const client = shop.client();
    const error = await failure(client.customersPage(null, null, 5, { deadline: Date.now() + 500 }));
    expect(error).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryable: true });
    // 37 points at 1 point per second: the vendor's own number, not a guess.
    expect(error.retryAfterMs).toBe(37_000);
    expect(calls(shop)).toBe(1);
  });

  it('retries a 5xx and returns the success that follows', async () => {
    shop = await startShopifySandbox({ controls: { errorRate: 1 } });
    const running = shop;
    const client = shop.client({ onRetry: () => void (running.sandbox.controls.errorRate = 0) });
    const customer = await client.getCustomer('gid://shopify/Customer/7000000000001');
    expect(customer?.id).toBe('gid://shopify/Customer/7000000000001');
    expect(calls(shop)).toBe(2);
  });

  it('opens the breaker on an outage, fails fast while open, and closes after a good trial call', async () => {
    shop = await startShopifySandbox({ controls: { outage: true } });
    const client = shop.client({ retry: { maxAttempts: 1 }, breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 300 } });
    const read = () => client.getCustomer('gid://shopify/Customer/7000000000001');
    for (let i = 0; i < 2; i++) expect(await failure(read())).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    const reached = calls(shop);
    const fast = await failure(read());
    expect(fast).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(fast.message).toMatch(/circuit open/);
    expect(calls(shop)).toBe(reached);
    shop.sandbox.controls.outage = false;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await read())?.id).toBe('gid://shopify/Customer/7000000000001');
    expect((await read())?.id).toBe('gid://shopify/Customer/7000000000001');
  });

  it('gives up at once on a refused access token', async () => {
    shop = await startShopifySandbox();
    const error = await failure(shop.client({}, { credential: 'shpat_revoked' }).getCustomer('gid://shopify/Customer/7000000000001'));
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', retryable: false, status: 401 });
    expect(error.message).not.toContain('shpat_revoked');
    expect(calls(shop)).toBe(1);
  });

  it('times out on an answer slower than the timeout', async () => {
    shop = await startShopifySandbox({ controls: { latencyMs: 400 } });
    const error = await failure(shop.client({ retry: { maxAttempts: 1 } }, { timeoutMs: 100 }).getCustomer('gid://shopify/Customer/7000000000001'));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
  });
});
