import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from './app.js';
import { api, hubSpotSandbox } from './test/sandbox-fixture.js';

let now = Date.parse('2026-11-02T10:00:00.000Z');
const clock = () => now;
let sandbox: HubSpotSandbox;
afterEach(() => sandbox?.app.close());

describe('rate limits', () => {
  it('reports the budget in X-HubSpot-RateLimit-* headers on every response', async () => {
    sandbox = hubSpotSandbox({ clock, rateLimits: { perInterval: 5, daily: 100 } });
    const first = await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
    expect(first.headers).toMatchObject({
      'x-hubspot-ratelimit-daily': '100',
      'x-hubspot-ratelimit-daily-remaining': '99',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-remaining': '4',
    });
    const missing = await api(sandbox, 'GET', '/crm/v3/objects/contacts/1');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-hubspot-ratelimit-remaining']).toBe('3');
    const prefs = await api(sandbox, 'GET', '/communication-preferences/v3/definitions');
    expect(prefs.headers['x-hubspot-ratelimit-remaining']).toBe('2');
  });

  it('refuses the call past the rolling 10-second window with policyName TEN_SECONDLY_ROLLING, and admits again once it rolls', async () => {
    sandbox = hubSpotSandbox({ clock, rateLimits: { perInterval: 3 } });
    for (let i = 0; i < 3; i++) expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
    const refused = await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.any(String),
      policyName: 'TEN_SECONDLY_ROLLING',
      requestId: expect.any(String),
    });
    expect(refused.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    now += 10_001;
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });

  it('refuses every call once the daily budget is spent, with policyName DAILY, until the next day', async () => {
    sandbox = hubSpotSandbox({ clock, rateLimits: { daily: 2 } });
    await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
    await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
    const refused = await api(sandbox, 'POST', '/crm/v3/objects/contacts/search', {});
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' });
    expect(refused.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    now += 86_400_000;
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });

  it('caps search per second with the message the HubSpot SDK retries on', async () => {
    sandbox = hubSpotSandbox({ clock, rateLimits: { searchPerSecond: 2 } });
    expect((await api(sandbox, 'POST', '/crm/v3/objects/contacts/search', {})).status).toBe(200);
    expect((await api(sandbox, 'POST', '/crm/objects/2026-09/deals/search', {})).status).toBe(200);
    const refused = await api(sandbox, 'POST', '/crm/v3/objects/contacts/search', {});
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ message: 'You have reached your secondly limit.', policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    // Other endpoints are not held back by the search cap.
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
    now += 1_001;
    expect((await api(sandbox, 'POST', '/crm/v3/objects/contacts/search', {})).status).toBe(200);
  });

  it('enforces nothing with throttling off, but still reports usage', async () => {
    sandbox = hubSpotSandbox({ clock, rateLimits: { perInterval: 1, daily: 1 }, controls: { throttling: false } });
    for (let i = 0; i < 3; i++) {
      const response = await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
      expect(response.status).toBe(200);
      expect(response.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    }
  });

  it('takes new limits at run time through /__sandbox/rate-limits, starting a fresh count', async () => {
    sandbox = hubSpotSandbox({ clock });
    const set = await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/rate-limits', payload: { daily: 0 } });
    expect(set.statusCode).toBe(200);
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).body.policyName).toBe('DAILY');
    const bad = await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/rate-limits', payload: { daily: -1 } });
    expect(bad.statusCode).toBe(400);
  });
});
