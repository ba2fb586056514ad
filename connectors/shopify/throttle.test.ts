import { describe, expect, it } from 'vitest';
import { bucketUsed, interpretShopifyResponse, observeShopifyUsage, throttleWaitMs } from './throttle.js';

const status = (currentlyAvailable: number, maximumAvailable = 2000, restoreRate = 100) => ({ maximumAvailable, currentlyAvailable, restoreRate });
const ok = (data: unknown, available = 1990) => ({
  status: 200,
  data: { data, extensions: { cost: { requestedQueryCost: 12, actualQueryCost: 10, throttleStatus: status(available) } } },
});
const throttled = (requested: number, available: number, maximum = 1000, rate = 50) => ({
  status: 200,
  data: {
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status(available, maximum, rate) } },
  },
});

describe('Shopify bucket arithmetic', () => {
  it('waits (requested − available) / restoreRate seconds, rounded up to the millisecond', () => {
    expect(throttleWaitMs(70, status(66, 1000, 50))).toBe(80);
    expect(throttleWaitMs(500, status(0))).toBe(5000);
    expect(throttleWaitMs(101, status(0, 2000, 1000))).toBe(101);
    expect(throttleWaitMs(10, status(500))).toBe(0);
  });

  it('never promises a wait for a query bigger than the bucket', () => {
    expect(throttleWaitMs(1200, status(1000, 1000, 50))).toBeUndefined();
  });

  it('reads the share of the bucket in use', () => {
    expect(bucketUsed(status(2000))).toBe(0);
    expect(bucketUsed(status(500))).toBe(0.75);
    expect(observeShopifyUsage(ok({}, 200))).toEqual({ used: 0.9 });
    expect(observeShopifyUsage({ data: { errors: 'bad' } })).toBeUndefined();
  });
});

describe('interpretShopifyResponse', () => {
  it('lets a normal answer through', () => {
    expect(interpretShopifyResponse(ok({ customer: null }))).toBeUndefined();
  });

  it('turns THROTTLED at HTTP 200 into a retryable throttle with the bucket’s wait (the documented example)', () => {
    expect(interpretShopifyResponse(throttled(70, 66))).toEqual({ code: 'UPSTREAM_THROTTLED', message: 'THROTTLED', retryAfterMs: 80 });
  });

  it('does not retry a throttled query the bucket can never hold', () => {
    expect(interpretShopifyResponse(throttled(1500, 0))).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryable: false });
  });

  it('maps the other GraphQL error codes to the closed set, without echoing messages', () => {
    const errors = (code: string) => ({ status: 200, data: { errors: [{ message: `secret text ${code}`, extensions: { code } }] } });
    expect(interpretShopifyResponse(errors('MAX_COST_EXCEEDED'))).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', retryable: false });
    expect(interpretShopifyResponse(errors('ACCESS_DENIED'))).toMatchObject({ code: 'UPSTREAM_AUTH' });
    expect(interpretShopifyResponse(errors('INTERNAL_SERVER_ERROR'))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const other = interpretShopifyResponse(errors('BAD_REQUEST'));
    expect(other).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST' });
    expect(other!.message).not.toContain('secret');
  });

  it('reads 401 and 403 as refused credentials and leaves other statuses to the core', () => {
    const refused = { status: 401, data: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
    expect(interpretShopifyResponse(refused)).toMatchObject({ code: 'UPSTREAM_AUTH' });
    expect(interpretShopifyResponse({ status: 503, data: { errors: 'Service Unavailable' } })).toBeUndefined();
  });

  it('refuses an answer that is not GraphQL', () => {
    expect(interpretShopifyResponse({ status: 200, data: '<html>' })).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
