/**
 * The gateway's shared state on the real Redis, as in production: persisted operations published
 * into Redis by the CLI and picked up live, rate-limit counters and cached responses in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { runPersistedCli } from '../../gateway/persisted/cli.js';
import { sha256Hex } from '../../gateway/persisted/manifest.js';
import { gql, PARTNER_CLIENT, startTestHub } from '../support/hub.js';
import { metric, post, writeClientsFile } from '../support/gateway.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TINY = { 'x-api-key': 'tiny-redis-key' };
const QUERY = 'query PartnerCount { customers(first: 1) { totalCount } }';

describe.skipIf(!redisAvailable)('gateway on Redis', () => {
  let hub: RunningHub;
  let redis: Awaited<ReturnType<typeof isolatedRedis>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await isolatedRedis();
    env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: redis.prefix,
      GATEWAY_PERSISTED_STORE: 'redis',
      GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: '60',
      GATEWAY_CLIENTS_FILE: writeClientsFile([
        { name: 'tiny', key: TINY['x-api-key'], arbitraryDocuments: true, rateLimit: { points: 1, durationSeconds: 60 } },
      ]),
    };
    hub = await startTestHub(env);
  });
  afterAll(async () => {
    await hub?.close();
    await redis?.cleanup();
  });

  const runPartner = () => post(hub.gatewayUrl, { documentId: sha256Hex(QUERY) }, PARTNER_CLIENT);
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    return check();
  };

  it('answers a partner operation as soon as the CLI publishes it to Redis, and stops once it is removed', async () => {
    expect((await runPartner()).status).toBe(404);
    const file = join(mkdtempSync(join(tmpdir(), 'hub-pq-')), 'manifest.json');
    writeFileSync(file, JSON.stringify({ [sha256Hex(QUERY)]: QUERY })); // codegen client-preset format
    const out: string[] = [];
    expect(await runPersistedCli(['publish', 'hub_demo_partner', file], (l) => out.push(l), env)).toBe(0);
    expect(await eventually(async () => (await runPartner()).status === 200)).toBe(true);
    expect((await runPartner()).body).toEqual({ data: { customers: { totalCount: 40 } } });
    expect(await redis.redis.hget(`${redis.prefix}pq:hub_demo_partner`, sha256Hex(QUERY))).toBe(QUERY);

    expect(await runPersistedCli(['remove', 'hub_demo_partner', sha256Hex(QUERY)], (l) => out.push(l), env)).toBe(0);
    expect(await eventually(async () => (await runPartner()).status === 404)).toBe(true);
  });

  it('keeps rate-limit counters in Redis', async () => {
    expect((await gql(hub.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, TINY)).status).toBe(200);
    expect((await gql(hub.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, TINY)).status).toBe(429);
    expect(await redis.redis.keys(`${redis.prefix}ratelimit:tiny*`)).not.toHaveLength(0);
  });

  it('caches responses in Redis and serves them without calling subgraphs', async () => {
    const query = '{ customers(first: 2) { edges { node { id } } } }';
    await gql(hub.gatewayUrl, query);
    const calls = await metric(hub.gatewayUrl, 'hub_gateway_upstream_requests_total', { subgraph: 'customer' });
    expect((await gql(hub.gatewayUrl, query)).data!.customers.edges).toHaveLength(2);
    expect(await metric(hub.gatewayUrl, 'hub_gateway_upstream_requests_total', { subgraph: 'customer' })).toBe(calls);
    expect(await redis.redis.keys(`${redis.prefix}rc:response:*`)).not.toHaveLength(0);
  });
});
