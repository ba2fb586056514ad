/**
 * The HubSpot client under HubSpot's failure modes, against the sandbox: each throttle policy,
 * 5xx, outage (circuit breaker), revoked credentials and timeouts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../test/support/hubspot-sandbox.js';
import { waitFor } from '../../test/support/wait-for.js';
import { VendorError } from '../http/errors.js';
import { createHubSpotClient, type HubSpotClient, type HubSpotHttpOverrides } from './client.js';

let hubspot: RunningHubSpotSandbox;
let client: HubSpotClient;
afterEach(async () => {
  client?.close();
  await hubspot?.close();
});

async function setUp(options: Parameters<typeof startHubSpotSandbox>[0], overrides: HubSpotHttpOverrides = { breaker: false }, timeoutMs = 2000) {
  hubspot = await startHubSpotSandbox(options);
  client = createHubSpotClient(hubspot.connection, testRuntime(timeoutMs), overrides);
  return hubspot.world.people.filter((p) => p.hubspot).map((p) => p.hubspot!.contactId);
}

const total = () => Object.values(hubspot.calls()).reduce((a, b) => a + b, 0);

describe('HubSpot throttling', () => {
  it('slows down under TEN_SECONDLY_ROLLING and finishes every call without error', async () => {
    const ids = await setUp({ rateLimits: { perInterval: 3, intervalMs: 100 } });
    const retries: string[] = [];
    client.close();
    client = createHubSpotClient(hubspot.connection, { ...testRuntime(), onRetry: (e) => retries.push(e.reason) }, { breaker: false });
    const reads = await Promise.all(ids.slice(0, 8).map((id) => client.getContact(id)));
    // Every read got through: each 429 was waited out (or avoided by pacing), none surfaced.
    expect(reads.map((c) => c?.id)).toEqual(ids.slice(0, 8));
    expect(total()).toBeGreaterThanOrEqual(8);
    expect(retries.every((r) => r.startsWith('UPSTREAM_THROTTLED'))).toBe(true);
  });

  it('retries the search secondly limit after a second and finishes', async () => {
    await setUp({ rateLimits: { searchPerSecond: 1 } });
    const searches = await Promise.all([0, 1].map(() => client.search('contacts', { filterGroups: [], limit: 1 })));
    expect(searches.map((s) => s.results.length)).toEqual([1, 1]);
    expect(total()).toBeGreaterThanOrEqual(3);
  });

  it('gives up at once on DAILY: throttled, not retryable, one call', async () => {
    const ids = await setUp({ rateLimits: { daily: 0 } });
    const error = await client.getContact(ids[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryable: false, status: 429, operation: 'contacts.get' });
    expect(total()).toBe(1);
  });
});

describe('HubSpot failures', () => {
  it('retries a 5xx and returns the success that follows', async () => {
    const ids = await setUp({ controls: { errorRate: 1 } });
    const pending = client.getContact(ids[0]!);
    await waitFor(() => total() >= 1, { what: 'the first failed call' });
    hubspot.sandbox.controls.errorRate = 0;
    expect((await pending)?.id).toBe(ids[0]);
    expect(total()).toBeGreaterThanOrEqual(2);
  });

  it('opens the breaker during an outage (fails fast), and closes it once HubSpot is back', async () => {
    const ids = await setUp({ controls: { outage: true } }, { retry: { maxAttempts: 1 }, breaker: { volumeThreshold: 2, resetTimeoutMs: 200 } });
    for (let i = 0; i < 2; i++) await expect(client.getContact(ids[0]!)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    const served = total();
    const fast = await client.getContact(ids[0]!).catch((e: VendorError) => e);
    expect(fast).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: undefined });
    expect((fast as Error).message).toMatch(/circuit open/);
    expect(total()).toBe(served);
    hubspot.sandbox.controls.outage = false;
    await waitFor(async () => (await client.getContact(ids[0]!).catch(() => undefined))?.id === ids[0], { what: 'the breaker to close' });
  });

  it('reports revoked credentials as UPSTREAM_AUTH without retrying, and no token in the error', async () => {
    const ids = await setUp({});
    await hubspot.sandbox.app.inject({ method: 'PUT', url: '/__sandbox/token', payload: { revoked: true } });
    const error = (await client.getContact(ids[0]!).catch((e: unknown) => e)) as VendorError;
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', status: 401, retryable: false });
    expect(total()).toBe(1);
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(hubspot.connection.credential);
  });

  it('times out a slow HubSpot as UPSTREAM_TIMEOUT, within the caller’s deadline', async () => {
    const ids = await setUp({ controls: { latencyMs: 400 } }, { breaker: false }, 100);
    await expect(client.getContact(ids[0]!, { deadline: Date.now() + 150 })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
