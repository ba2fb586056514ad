/**
 * Check-and-reserve on the real Redis, as in production: two hubs (two gateways, two customer
 * subgraphs) share one Redis, and 200 reserveTouch calls for one person race through both at
 * once for the 3 slots of the marketing cap. Exactly 3 are granted, whichever hub served them.
 * Consent is granted through the hub's consent ledger (its ConsentSink), shared through Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { CONSENT_TOPICS } from '../../connectors/unified/consent.js';
import { gql, startTestHub } from '../support/hub.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';

const RESERVE = `mutation($customerId: ID!, $channel: Channel!, $key: String!) {
  reserveTouch(customerId: $customerId, channel: $channel, campaignId: "cmp_race", idempotencyKey: $key) {
    granted replayed reservation { id status } decision { reasons { code policy } }
  }
}`;

describe.skipIf(!redisAvailable)('frequency on Redis', () => {
  let hubs: RunningHub[] = [];
  let redis: Awaited<ReturnType<typeof isolatedRedis>>;
  let customerId: string;

  beforeAll(async () => {
    redis = await isolatedRedis();
    const env = { REDIS_URL, REDIS_KEY_PREFIX: redis.prefix, FREQUENCY_QUIET_HOURS: 'off' };
    hubs = [await startTestHub(env), await startTestHub(env)];
    const page = await gql(hubs[0]!.gatewayUrl, '{ customers(first: 1) { edges { node { id } } } }');
    customerId = page.data!.customers.edges[0].node.id;
    const occurredAt = new Date().toISOString();
    await hubs[0]!.stores.consent.appendConsents(
      customerId,
      CONSENT_TOPICS.map((topic) => ({
        id: `hub:frequency-redis-test:${topic}`,
        topic,
        status: 'GRANTED' as const,
        source: 'hub' as const,
        occurredAt,
        evidence: {},
        identities: [{ kind: 'HUBSPOT' as const, value: 'frequency-redis-test' }],
      })),
    );
  });
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await redis?.cleanup();
  });

  it('grants exactly 3 of 200 concurrent reservations through two hubs sharing Redis', async () => {
    const channels = ['EMAIL', 'SMS', 'PUSH', 'EMAIL'];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        gql(hubs[i % 2]!.gatewayUrl, RESERVE, { customerId, channel: channels[i % channels.length], key: `race-${i}` }),
      ),
    );
    const payloads = answers.map((a) => a.data!.reserveTouch);
    expect(payloads.filter((p) => p.granted)).toHaveLength(3);
    for (const refused of payloads.filter((p) => !p.granted)) {
      expect(refused.decision.reasons.map((r: { code: string }) => r.code)).toContain('CAP_REACHED');
    }
    const frequency = await gql(hubs[1]!.gatewayUrl, `query($id: ID!) { customer(id: $id) { frequency { total policies { name used remaining } } } }`, { id: customerId });
    expect(frequency.data!.customer.frequency.total).toBe(3);
    expect(frequency.data!.customer.frequency.policies[0]).toEqual({ name: 'marketing-24h', used: 3, remaining: 0 });

    // A retry of a granted key through the other hub replays it.
    const winner = payloads.findIndex((p) => p.granted);
    const replay = await gql(hubs[(winner + 1) % 2]!.gatewayUrl, RESERVE, { customerId, channel: channels[winner % channels.length], key: `race-${winner}` });
    expect(replay.data!.reserveTouch).toMatchObject({ granted: true, replayed: true, reservation: payloads[winner].reservation });
  });
});
