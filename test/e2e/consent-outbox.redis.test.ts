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
    expect(consent.data!.customer.consent[0]).toEqual({ topic: 'EMAIL_MARKETING', status: 'DENIED', source: 'HUB', method: 'UNSUBSCRIBE_LINK' });
  });
});
