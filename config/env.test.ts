import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './env.js';
import { SANDBOX_CREDENTIALS } from './sandbox-credentials.js';

describe('loadConfig', () => {
  it('serves the embedded mode with no environment at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.redis).toBeUndefined();
    expect(config.gateway.port).toBe(4000);
    expect(config.subgraphs.customer.url).toBe('http://127.0.0.1:4001/graphql');
    expect(config.subgraphs['google-ads'].url).toBe('http://127.0.0.1:4006/graphql');
    expect(config.hubspot).toMatchObject({ target: 'sandbox', baseUrl: 'http://127.0.0.1:4101' });
    expect(Object.values(config.sandboxes.start).every(Boolean)).toBe(true);
  });

  it('switches one vendor to the real API when its credentials are set, and stops its sandbox', () => {
    const config = loadConfig({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-real', HUBSPOT_CLIENT_SECRET: 'real-secret' });
    expect(config.hubspot).toEqual({
      target: 'live',
      baseUrl: 'https://api.hubapi.com',
      credential: 'pat-na1-real',
      webhookSecret: 'real-secret',
      apiVersion: 'v3',
    });
    expect(config.sandboxes.start.hubspot).toBe(false);
    expect(config.shopify.target).toBe('sandbox');
    expect(config.shopify.credential).toBe(SANDBOX_CREDENTIALS.shopify.token);
  });

  it('builds each live vendor URL from its own settings', () => {
    const config = loadConfig({
      SHOPIFY_ACCESS_TOKEN: 'shpat_x',
      SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com',
      GOOGLE_ADS_ACCESS_TOKEN: 'ya29.x',
      GOOGLE_ADS_CUSTOMER_ID: '123-456-7890',
      GOOGLE_ADS_LOGIN_CUSTOMER_ID: '999-000-1111',
    });
    expect(config.shopify.baseUrl).toBe('https://acme.myshopify.com');
    expect(config.googleAds).toMatchObject({
      target: 'live',
      baseUrl: 'https://googleads.googleapis.com',
      customerId: '1234567890',
      loginCustomerId: '9990001111',
    });
  });

  it('reads per-vendor rate budgets and refuses malformed ones', () => {
    const config = loadConfig({ HUBSPOT_RATE_LIMIT: '190/10s', KLAVIYO_RATE_LIMIT: '700/1m' });
    expect(config.vendorRateLimits).toEqual({
      hubspot: { points: 190, durationMs: 10_000 },
      klaviyo: { points: 700, durationMs: 60_000 },
    });
    expect(() => loadConfig({ SHOPIFY_RATE_LIMIT: 'lots' })).toThrow(/SHOPIFY_RATE_LIMIT/);
  });

  it('reads the sandboxes’ starting error rate and outages, and refuses values out of range or unknown vendors', () => {
    expect(loadConfig({}).sandboxes).toMatchObject({ errorRate: 0, outage: [] });
    expect(loadConfig({ SANDBOX_ERROR_RATE: '0.25', SANDBOX_OUTAGE: 'meta, google-ads' }).sandboxes).toMatchObject({
      errorRate: 0.25,
      outage: ['meta', 'google-ads'],
    });
    expect(() => loadConfig({ SANDBOX_ERROR_RATE: '1.5' })).toThrow(/SANDBOX_ERROR_RATE/);
    expect(() => loadConfig({ SANDBOX_OUTAGE: 'meta,myspace' })).toThrow(/SANDBOX_OUTAGE/);
  });

  it('bounds each vendor by its own timeout, else by VENDOR_TIMEOUT_MS', () => {
    expect(loadConfig({}).vendorTimeouts).toEqual({ hubspot: 4000, shopify: 4000, klaviyo: 4000, meta: 4000, 'google-ads': 4000 });
    const config = loadConfig({ VENDOR_TIMEOUT_MS: '2500', META_TIMEOUT_MS: '8000', GOOGLE_ADS_TIMEOUT_MS: '6000', HUBSPOT_TIMEOUT_MS: '1000' });
    expect(config.vendorTimeoutMs).toBe(2500);
    expect(config.vendorTimeouts).toEqual({ hubspot: 1000, shopify: 2500, klaviyo: 2500, meta: 8000, 'google-ads': 6000 });
    expect(() => loadConfig({ SHOPIFY_TIMEOUT_MS: '0' })).toThrow(/SHOPIFY_TIMEOUT_MS/);
  });

  it('leaves the demo world unpinned by default, and pins it to a valid instant only', () => {
    expect(loadConfig({}).sandboxes.worldNow).toBeUndefined();
    expect(loadConfig({ SANDBOX_WORLD_NOW: '2026-11-01T01:00:00+01:00' }).sandboxes.worldNow).toBe('2026-11-01T00:00:00.000Z');
    expect(() => loadConfig({ SANDBOX_WORLD_NOW: 'last tuesday' })).toThrow(/SANDBOX_WORLD_NOW/);
  });

  it('uses Redis when REDIS_URL is set', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'hub:' });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'seventy', REDIS_URL: 'not a url', META_API_VERSION: '26' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/GATEWAY_PORT/);
      expect(problems).toMatch(/REDIS_URL/);
      expect(problems).toMatch(/META_API_VERSION/);
    }
  });

  it('refuses production mode without Redis or vendor credentials', () => {
    expect(() => loadConfig({ HUB_MODE: 'production' })).toThrow(/REDIS_URL: required in production mode/);
    expect(() => loadConfig({ SHOPIFY_ACCESS_TOKEN: 'shpat_x' })).toThrow(/SHOPIFY_SHOP_DOMAIN/);
  });

  it('reads the identity settings: phone region (checked) and extra blocked values', () => {
    expect(loadConfig({}).identity).toEqual({ defaultPhoneRegion: 'US', extraBlockedValues: [] });
    const config = loadConfig({ HUB_DEFAULT_PHONE_REGION: 'gb', HUB_IDENTITY_BLOCKED_VALUES: ' orders@*.example , 5555555555,' });
    expect(config.identity).toEqual({ defaultPhoneRegion: 'GB', extraBlockedValues: ['orders@*.example', '5555555555'] });
    expect(() => loadConfig({ HUB_DEFAULT_PHONE_REGION: 'XX' })).toThrow(/HUB_DEFAULT_PHONE_REGION/);
  });
});
