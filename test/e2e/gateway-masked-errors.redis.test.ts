/**
 * An unexpected failure inside a resolver reaches the client masked: the hub's store loses its
 * Redis connection (a real fault, not a stand-in), the customer subgraph's resolver throws, and
 * the client sees `INTERNAL_SERVER_ERROR` with a fixed message: no stack, no driver message, no
 * file paths. Operators find the detail in the log instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { createLogger } from '../../platform/logger.js';
import { gql, startTestHub } from '../support/hub.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';

describe.skipIf(!redisAvailable)('unexpected errors through the gateway', () => {
  let hub: RunningHub;
  let redis: Awaited<ReturnType<typeof isolatedRedis>>;
  const written: string[] = [];

  beforeAll(async () => {
    redis = await isolatedRedis();
    const logger = createLogger('hub', 'info', { write: (chunk: string) => void written.push(chunk) });
    hub = await startTestHub({ REDIS_URL, REDIS_KEY_PREFIX: redis.prefix }, logger);
  });
  afterAll(async () => {
    await hub?.close();
    await redis?.cleanup();
  });

  it('answers a resolver’s unexpected error as INTERNAL_SERVER_ERROR, without stack or internals, and keeps serving', async () => {
    const { customers } = await hub.stores.identities.listCustomers(1);
    const id = customers[0]!.id;
    const query = 'query One($id: ID!) { customer(id: $id) { id } }';
    expect((await gql(hub.gatewayUrl, query, { id })).data).toEqual({ customer: { id } });

    const store = hub.stores.redis!;
    store.disconnect();
    let failed: Awaited<ReturnType<typeof gql<{ customer: { id: string } | null }>>>;
    try {
      failed = await gql<{ customer: { id: string } | null }>(hub.gatewayUrl, query, { id });
    } finally {
      await store.connect();
    }

    expect(failed.data?.customer ?? null).toBeNull();
    expect(failed.errors).toHaveLength(1);
    const [error] = failed.errors!;
    expect(error).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const body = JSON.stringify(failed);
    for (const internal of ['stacktrace', 'stack', 'Connection', 'closed', 'ioredis', 'Redis', '.ts:', '.js:', 'node_modules', '    at ']) {
      expect(body).not.toContain(internal);
    }

    // The detail is for operators: in the hub's log, not in the answer.
    const masked = written.map((l) => JSON.parse(l) as { msg: string; code?: string; err?: { message?: string } }).filter((l) => l.msg === 'unexpected error, masked for the client');
    expect(masked).toHaveLength(1);
    expect(masked[0]).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', err: { message: 'Connection is closed.' } });

    // The hub keeps serving once its store is back.
    expect((await gql(hub.gatewayUrl, query, { id })).data).toEqual({ customer: { id } });
  });
});
