/**
 * The consent outbox on Redis survives a restart of the hub: an opt-out made while HubSpot is
 * down is still owed to HubSpot when the hub stops, and a new hub on the same Redis delivers it.
 * The second hub's HubSpot sandbox starts fresh (the person subscribed, as seeded), so the opt-out
 * it ends up holding can only have come from the job the first hub left in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { gql, startTestHub } from '../support/hub.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';
import { hubspotStatuses, setOutage, shopifyCustomer } from '../support/vendor-records.js';
import { waitFor } from '../support/wait-for.js';

const PROPAGATION = `query P($id: ID!) { propagation(id: $id) { settled vendors { vendor state attempts lastError } } }`;
const ERASE = `mutation E($id: ID!) { eraseCustomer(id: $id) { propagation { id } } }`;
const UPDATE = `mutation U($input: UpdateConsentInput!) { updateConsent(input: $input) { propagation { id } } }`;

describe.skipIf(!redisAvailable)('consent outbox across a hub restart (Redis)', () => {
  let redis: Awaited<ReturnType<typeof isolatedRedis>>;
  let env: Record<string, string>;
  const hubs: RunningHub[] = [];
  const world = generateWorld({ seed: 42, people: 40 });

  beforeAll(async () => {
    redis = await isolatedRedis();
    env = { REDIS_URL, REDIS_KEY_PREFIX: redis.prefix, CONSENT_OUTBOX_BACKOFF_MS: '200', CONSENT_OUTBOX_MAX_BACKOFF_MS: '1000' };
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.close().catch(() => {});
    await redis?.cleanup();
  });

  const vendorsOf = async (hub: RunningHub, id: string) => {
    const { data } = await gql(hub.gatewayUrl, PROPAGATION, { id });
    return data?.propagation as { settled: boolean; vendors: { vendor: string; state: string; attempts: number; lastError: string | null }[] } | undefined;
  };

  it('delivers an opt-out owed to a vendor that was down when the hub stopped, from a new hub on the same Redis', async () => {
    const p = world.people.find((p) => p.hubspot && p.shopify && p.klaviyo && p.consent.email === 'SUBSCRIBED')!;
    const first = await startTestHub(env);
    hubs.push(first);
    const customerId = (await gql(first.gatewayUrl, `query { customer(email: "${p.email}") { id } }`)).data!.customer.id as string;

    await setOutage(first, 'hubspot', true);
    const { data, errors } = await gql(first.gatewayUrl, UPDATE, { input: { customerId, topic: 'EMAIL_MARKETING', status: 'DENIED', method: 'UNSUBSCRIBE_LINK' } });
    expect(errors).toBeUndefined();
    const id = data!.updateConsent.propagation.id as string;
    const owed = await waitFor(
      async () => {
        const propagation = await vendorsOf(first, id);
        const hubspot = propagation?.vendors.find((v) => v.vendor === 'HUBSPOT');
        const others = propagation?.vendors.filter((v) => v.vendor !== 'HUBSPOT') ?? [];
        return hubspot && hubspot.attempts >= 1 && others.length === 2 && others.every((v) => v.state === 'APPLIED') ? propagation : undefined;
      },
      { what: 'HubSpot to fail while the others confirm', timeoutMs: 30_000 },
    );
    expect(owed.vendors.find((v) => v.vendor === 'HUBSPOT')).toMatchObject({ state: 'PENDING' });
    expect(owed.vendors.find((v) => v.vendor === 'HUBSPOT')!.lastError).toMatch(/UPSTREAM_UNAVAILABLE/);
    expect((await shopifyCustomer(first, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('UNSUBSCRIBED');
    await first.close();
    hubs.pop();

    // A new hub on the same Redis, with every vendor up: it finds the job and finishes it.
    const second = await startTestHub(env);
    hubs.push(second);
    const done = await waitFor(async () => ((await vendorsOf(second, id))?.settled ? vendorsOf(second, id) : undefined), {
      what: 'the owed opt-out to reach HubSpot',
      timeoutMs: 30_000,
    });
    expect(Object.fromEntries(done!.vendors.map((v) => [v.vendor, v.state]))).toEqual({ HUBSPOT: 'APPLIED', SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED' });
    expect((await hubspotStatuses(second, p.email))!['Marketing Information']).toBe('NOT_SUBSCRIBED');
    // Shopify confirmed before the restart and is not told again: the new sandbox still has the seeded state.
    expect((await shopifyCustomer(second, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('SUBSCRIBED');
    // The ledger survived too.
    const consent = await gql(second.gatewayUrl, `query { customer(id: "${customerId}") { consent { topic status source method } } }`);
    // HubSpot's webhook echoes the delivered opt-out through ingest (its own DENIED, later): the
    // latest statement wins, so the source is the hub or HubSpot; the state is DENIED either way.
    expect(consent.data!.customer.consent[0]).toMatchObject({ topic: 'EMAIL_MARKETING', status: 'DENIED' });
    expect(['HUB', 'HUBSPOT']).toContain(consent.data!.customer.consent[0].source);
  });

  /** Every value stored under the test's prefix, with its key, whatever the Redis type. */
  async function dumpRedis(): Promise<{ key: string; text: string }[]> {
    const out: { key: string; text: string }[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.redis.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.redis.type(key);
        const value =
          type === 'string' ? await redis.redis.get(key)
          : type === 'hash' ? await redis.redis.hgetall(key)
          : type === 'set' ? await redis.redis.smembers(key)
          : type === 'zset' ? await redis.redis.zrange(key, 0, -1)
          : type === 'list' ? await redis.redis.lrange(key, 0, -1)
          : type === 'stream' ? await redis.redis.xrange(key, '-', '+')
          : null;
        out.push({ key, text: `${key} ${JSON.stringify(value)}`.toLowerCase() });
      }
    } while (cursor !== '0');
    return out;
  }

  it('erases a person so that nothing in Redis names them any more, only the erasure receipt keeps the hub id', async () => {
    const hub = hubs.at(-1)!;
    const p = world.people.find((p) => p.hubspot && p.shopify && p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')
      ?? world.people.filter((p) => p.hubspot && p.shopify && p.klaviyo).at(-1)!;
    const customerId = (await gql(hub.gatewayUrl, `query { customer(email: "${p.email}") { id } }`)).data!.customer.id as string;
    const change = await gql(hub.gatewayUrl, UPDATE, { input: { customerId, topic: 'SMS_MARKETING', status: 'DENIED', method: 'SUPPORT_REQUEST' } });
    expect(change.errors).toBeUndefined();
    await waitFor(async () => (await vendorsOf(hub, change.data!.updateConsent.propagation.id))?.settled, { what: 'the SMS opt-out to settle' });

    const traces = [p.email, p.phone, `gid://shopify/customer/${p.shopify!.customerId}`, p.klaviyo!.profileId, customerId].map((t) => t.toLowerCase());
    const before = await dumpRedis();
    // The person is there before: identity index, customer record, consent ledger.
    for (const trace of [p.email, customerId].map((t) => t.toLowerCase())) expect(before.some((e) => e.text.includes(trace)), trace).toBe(true);

    const erased = await gql(hub.gatewayUrl, ERASE, { id: customerId });
    expect(erased.errors).toBeUndefined();
    const erasureId = erased.data!.eraseCustomer.propagation.id as string;
    const done = await waitFor(async () => ((await vendorsOf(hub, erasureId))?.settled ? vendorsOf(hub, erasureId) : undefined), { what: 'the erasure to settle' });
    expect(done!.vendors.filter((v) => v.vendor !== 'META' && v.vendor !== 'GOOGLE_ADS').map((v) => v.state)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);

    const left = (await dumpRedis()).filter((e) => traces.some((t) => e.text.includes(t)));
    // Only the receipt (ids and outcomes) names the hub id; no identifier of the person is anywhere.
    expect(left.map((e) => e.key)).toEqual([`${redis.prefix}prop:${erasureId}`]);
    expect(traces.slice(0, -1).some((t) => left[0]!.text.includes(t))).toBe(false);
  });
});
