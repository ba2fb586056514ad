/**
 * The Klaviyo client against the Klaviyo sandbox over loopback HTTP: batch reads, paging to the
 * last page, and every failure the core must survive (throttling, 5xx, outage, auth, timeouts).
 */
import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { listeningKlaviyoSandbox } from '../../sandboxes/klaviyo/testing.js';
import { closeServer, listen } from '../../platform/listen.js';
import { VendorError } from '../http/errors.js';
import { createKlaviyoClient, type KlaviyoClient } from './client.js';

type Sandbox = Awaited<ReturnType<typeof listeningKlaviyoSandbox>>;

const connection = (baseUrl: string, credential: string = SANDBOX_CREDENTIALS.klaviyo.token) => ({
  target: 'sandbox' as const,
  baseUrl,
  credential,
  webhookSecret: SANDBOX_CREDENTIALS.klaviyo.webhookSecret,
  revision: '2026-07-15',
});

const failure = async (promise: Promise<unknown>): Promise<VendorError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
};

describe('Klaviyo client: reads', () => {
  let sandbox: Sandbox;
  let client: KlaviyoClient;
  beforeAll(async () => {
    sandbox = await listeningKlaviyoSandbox({ people: 160 });
    client = createKlaviyoClient(connection(sandbox.baseUrl), { timeoutMs: 2000 }, { breaker: false });
  });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });
  afterEach(() => sandbox.resetCalls());
  const held = () => sandbox.world.people.filter((p) => p.klaviyo);

  it('reads many profiles by id in one call, with subscriptions and predictive analytics', async () => {
    const people = held().slice(0, 30);
    const profiles = await client.getProfilesById(people.map((p) => p.klaviyo!.profileId), { additional: ['subscriptions', 'predictive_analytics'] });
    expect(profiles.map((p) => p.id).sort()).toEqual(people.map((p) => p.klaviyo!.profileId).sort());
    expect(sandbox.calls()).toEqual({ 'GET /api/profiles': 1 });
    const person = people.find((p) => (p.shopify?.orders.length ?? 0) > 0)!;
    const profile = profiles.find((p) => p.id === person.klaviyo!.profileId)!;
    expect(profile.attributes.subscriptions?.email?.marketing?.consent).toBe(person.consent.email);
    expect(profile.attributes.predictive_analytics?.historic_number_of_orders).toBe(person.shopify!.orders.length);
  });

  it('splits more than 100 ids into any() filters of 100', async () => {
    const ids = held().map((p) => p.klaviyo!.profileId);
    expect(ids.length).toBeGreaterThan(100);
    const profiles = await client.getProfilesById(ids);
    expect(profiles).toHaveLength(ids.length);
    expect(sandbox.calls()).toEqual({ 'GET /api/profiles': 2 });
  });

  it('reads profiles by email however the hub spells it, in one call', async () => {
    const people = held().slice(0, 12);
    const profiles = await client.getProfilesByEmail(people.map((p) => `  ${p.email.toUpperCase()} `));
    expect(profiles.map((p) => p.id).sort()).toEqual(people.map((p) => p.klaviyo!.profileId).sort());
    expect(sandbox.calls()).toEqual({ 'GET /api/profiles': 1 });
  });

  it('returns undefined for a profile Klaviyo does not hold', async () => {
    await expect(client.getProfile('01JNOBODY')).resolves.toBeUndefined();
    const one = held()[0]!;
    expect((await client.getProfile(one.klaviyo!.profileId))?.attributes.first_name).toBe(one.firstName);
  });

  it('pages through every profile to the last page by links.next', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of client.listProfiles({ pageSize: 25 })) {
      pages++;
      seen.push(...page.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(held().length);
    expect(pages).toBe(Math.ceil(held().length / 25));
    expect(sandbox.calls()).toEqual({ 'GET /api/profiles': pages });
  });

  it('reads profiles updated after an instant, oldest change first', async () => {
    const cut = '2026-08-01T00:00:00Z';
    const updated: string[] = [];
    for await (const page of client.listProfiles({ updatedAfter: cut, pageSize: 10 })) updated.push(...page.map((p) => p.attributes.updated));
    const expected = [...sandbox.state.profiles.values()].filter((p) => Date.parse(p.updated) > Date.parse(cut));
    expect(updated).toHaveLength(expected.length);
    expect(updated.map(Date.parse)).toEqual(updated.map(Date.parse).sort((a, b) => a - b));
  });

  it('reads a person’s events with their metrics, across pages', async () => {
    const person = held().find((p) => p.consent.email === 'SUBSCRIBED' && (p.shopify?.orders.length ?? 0) > 0)!;
    const records = [];
    for await (const page of client.listEvents({ profileId: person.klaviyo!.profileId, pageSize: 3 })) records.push(...page);
    expect(records).toHaveLength(sandbox.state.eventsOf(person.klaviyo!.profileId).length);
    expect(records.every((r) => r.metric?.attributes.name)).toBe(true);
    expect(records.filter((r) => r.metric!.attributes.name === 'Placed Order')).toHaveLength(person.shopify!.orders.length);
    expect(sandbox.calls()['GET /api/events']).toBe(Math.ceil(records.length / 3));
  });

  it('reads events since an instant with their profiles included', async () => {
    const since = '2026-10-01T00:00:00Z';
    const records = [];
    for await (const page of client.listEvents({ since, withProfiles: true })) records.push(...page);
    expect(records.length).toBe(sandbox.state.allEvents().filter((e) => e.at >= Date.parse(since)).length);
    expect(records.every((r) => r.profile?.id === r.event.relationships?.profile?.data?.id)).toBe(true);
  });

  it('reads metrics, lists, segments and memberships', async () => {
    expect((await client.listMetrics()).map((m) => m.attributes.name)).toContain('Received SMS');
    const lists = await client.listLists();
    expect(lists.map((l) => l.attributes.name).sort()).toEqual(['Newsletter', 'SMS Subscribers', 'VIP Customers']);
    expect(await client.listSegments()).toHaveLength(4);
    const newsletter = lists.find((l) => l.attributes.name === 'Newsletter')!;
    const subscribed = held().filter((p) => p.consent.email === 'SUBSCRIBED').slice(0, 5);
    const never = held().filter((p) => p.consent.email === 'NEVER_SUBSCRIBED').slice(0, 5);
    const members = await client.groupMembersByEmail('list', newsletter.id, [...subscribed, ...never].map((p) => p.email));
    expect(members.map((m) => m.id).sort()).toEqual(subscribed.map((p) => p.klaviyo!.profileId).sort());
    const ofProfile = await client.listsOfProfile(subscribed[0]!.klaviyo!.profileId);
    expect(ofProfile.map((l) => l.id)).toContain(newsletter.id);
    expect(Array.isArray(await client.segmentsOfProfile(subscribed[0]!.klaviyo!.profileId))).toBe(true);
  });
});

describe('Klaviyo client: what the vendor does to clients', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await listeningKlaviyoSandbox();
  });
  afterAll(async () => sandbox.close());
  afterEach(async () => {
    sandbox.resetCalls();
    await sandbox.admin('PUT', '/__sandbox/controls', { outage: false, latencyMs: 0, errorRate: 0 });
  });
  const id = () => sandbox.world.people.find((p) => p.klaviyo)!.klaviyo!.profileId;

  it('slows down on 429 + Retry-After and finishes without error', async () => {
    await sandbox.admin('PUT', '/__sandbox/rate-limits', { profiles: { burst: 2, steady: 750 } });
    const waits: number[] = [];
    const client = createKlaviyoClient(connection(sandbox.baseUrl), { timeoutMs: 2000, onRetry: (e) => waits.push(e.waitMs) }, { breaker: false });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => client.getProfilesById([id()])));
      expect(results.every((r) => r.length === 1)).toBe(true);
      expect(sandbox.calls()['GET /api/profiles']).toBeGreaterThan(5);
      // The wait honoured Klaviyo's Retry-After of one second.
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000);
    } finally {
      client.close();
      await sandbox.admin('PUT', '/__sandbox/rate-limits', { profiles: { burst: 75, steady: 750 } });
    }
  });

  it('retries a 5xx and returns the success that follows', async () => {
    await sandbox.admin('PUT', '/__sandbox/controls', { outage: true });
    const client = createKlaviyoClient(
      connection(sandbox.baseUrl),
      { timeoutMs: 2000, onRetry: () => void sandbox.admin('PUT', '/__sandbox/controls', { outage: false }) },
      { breaker: false, retry: { baseDelayMs: 20 } },
    );
    try {
      await expect(client.getProfile(id())).resolves.toMatchObject({ id: id() });
      expect(sandbox.calls()['GET /api/profiles/:id']).toBe(2);
    } finally {
      client.close();
    }
  });

  it('opens the breaker during an outage, fails fast, and closes again', async () => {
    await sandbox.admin('PUT', '/__sandbox/controls', { outage: true });
    const client = createKlaviyoClient(connection(sandbox.baseUrl), { timeoutMs: 2000 }, {
      retry: { maxAttempts: 1 },
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 200 },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await failure(client.getProfile(id()))).code).toBe('UPSTREAM_UNAVAILABLE');
      const served = sandbox.calls()['GET /api/profiles/:id'];
      const fast = await failure(client.getProfile(id()));
      expect(fast.message).toMatch(/circuit open/);
      expect(sandbox.calls()['GET /api/profiles/:id']).toBe(served);
      await sandbox.admin('PUT', '/__sandbox/controls', { outage: false });
      await new Promise((r) => setTimeout(r, 250));
      await expect(client.getProfile(id())).resolves.toMatchObject({ id: id() });
    } finally {
      client.close();
    }
  });

  it('refuses bad credentials with UPSTREAM_AUTH, without retrying', async () => {
    const client = createKlaviyoClient(connection(sandbox.baseUrl, 'pk_revoked' as string), { timeoutMs: 2000 }, { breaker: false });
    try {
      const error = await failure(client.getProfilesById([id()]));
      expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', status: 401, retryable: false });
      expect(error.message).not.toContain('pk_revoked');
      expect(sandbox.calls()['GET /api/profiles']).toBe(1);
    } finally {
      client.close();
    }
  });

  it('times out a slow answer as UPSTREAM_TIMEOUT', async () => {
    await sandbox.admin('PUT', '/__sandbox/controls', { latencyMs: 400 });
    const client = createKlaviyoClient(connection(sandbox.baseUrl), { timeoutMs: 100 }, { breaker: false, retry: { maxAttempts: 1 } });
    try {
      expect((await failure(client.getProfile(id()))).code).toBe('UPSTREAM_TIMEOUT');
    } finally {
      client.close();
    }
  });

  it('reports a refused request as a bad request, not retried; filter values are quoted safely', async () => {
    const client = createKlaviyoClient(connection(sandbox.baseUrl), { timeoutMs: 2000 }, { breaker: false });
    try {
      const error = await failure(client.listProfiles({ pageSize: 500 }).next());
      expect(error).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', status: 400, retryable: false });
      expect(error.message).toContain('invalid');
      expect(sandbox.calls()['GET /api/profiles']).toBe(1);
      // A value with quotes and backslashes stays one value: no match, no syntax error.
      await expect(client.getProfilesByEmail(['a"b\\c@example.com'])).resolves.toEqual([]);
    } finally {
      client.close();
    }
  });
});

describe('Klaviyo client: a body it cannot read', () => {
  it('fails with UPSTREAM_BAD_RESPONSE, not a crash', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end('{"data":[{"type":"profile"}]}'));
    const port = await listen(server, '127.0.0.1', 0);
    const client = createKlaviyoClient(connection(`http://127.0.0.1:${port}`), { timeoutMs: 1000 }, { breaker: false });
    try {
      expect((await failure(client.getProfilesById(['x']))).code).toBe('UPSTREAM_BAD_RESPONSE');
    } finally {
      client.close();
      await closeServer(server);
    }
  });
});
