/**
 * The gateway's protections over HTTP, each tripped on purpose: depth, aliases, directives,
 * tokens and cost limits with their stable codes, the body-size limit, and the per-client rate
 * limit answering 429 with Retry-After while other clients carry on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, startTestHub } from '../support/hub.js';
import { post, writeClientsFile } from '../support/gateway.js';

const TINY = { 'x-api-key': 'tiny-client-key' };

describe('gateway protection', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({
      GATEWAY_CLIENTS_FILE: writeClientsFile([
        { name: 'tiny', key: TINY['x-api-key'], arbitraryDocuments: true, rateLimit: { points: 3, durationSeconds: 60 } },
      ]),
      GATEWAY_MAX_DEPTH: '5',
      GATEWAY_MAX_ALIASES: '3',
      GATEWAY_MAX_DIRECTIVES: '3',
      GATEWAY_MAX_TOKENS: '150',
      GATEWAY_MAX_COST: '8',
      GATEWAY_MAX_BODY_BYTES: '4096',
    });
  });
  afterAll(async () => hub?.close());

  const codeOf = async (query: string) => {
    const { errors } = await gql(hub.gatewayUrl, query);
    return { code: errors?.[0]?.extensions?.code, message: errors?.[0]?.message };
  };

  it('answers an operation within every limit', async () => {
    const { data, errors } = await gql(hub.gatewayUrl, '{ customers(first: 2) { edges { node { id } } } }');
    expect(errors).toBeUndefined();
    expect(data!.customers.edges).toHaveLength(2);
  });

  it('refuses each limit with its own code and a message naming the limit', async () => {
    expect(await codeOf('{ customers { edges { node { metaAds { leads { id } } } } } }')).toEqual({
      code: 'QUERY_TOO_DEEP',
      message: 'Query depth limit of 5 exceeded, found 6.',
    });
    expect(await codeOf('{ a: customers { totalCount } b: customers { totalCount } c: customers { totalCount } d: customers { totalCount } }')).toMatchObject({
      code: 'TOO_MANY_ALIASES',
      message: expect.stringContaining('Aliases limit of 3'),
    });
    expect(await codeOf('{ customers { totalCount @skip(if: false) @skip(if: false) @include(if: true) @include(if: true) } }')).toMatchObject({
      code: 'TOO_MANY_DIRECTIVES',
      message: expect.stringContaining('Directives limit of 3'),
    });
    const long = `{ customers { ${Array.from({ length: 200 }, () => 'totalCount').join(' ')} } }`;
    expect(await codeOf(long)).toMatchObject({ code: 'TOO_MANY_TOKENS', message: 'Token limit of 150 exceeded.' });
    expect(await codeOf('{ customers(first: 50) { edges { node { hubspot { id } shopify { id } klaviyo { id } } } } }')).toMatchObject({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
    });
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const padding = 'x'.repeat(5000);
    const { status, body } = await post(hub.gatewayUrl, { query: '{ customers { totalCount } }', variables: { padding } }, {});
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
  });

  it('does not accept batched requests', async () => {
    const { status, body } = await post(hub.gatewayUrl, [{ query: '{ customers { totalCount } }' }, { query: '{ customers { totalCount } }' }], { 'x-api-key': 'hub_demo_internal_key' });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(body)).not.toContain('totalCount');
  });

  it('answers 429 with Retry-After once a client spends its budget, without slowing the others', async () => {
    const query = '{ customers(first: 1) { totalCount } }';
    for (let i = 0; i < 3; i++) expect((await gql(hub.gatewayUrl, query, undefined, TINY)).status).toBe(200);
    const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...TINY }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, client: 'tiny' });
    // Another client's budget is its own.
    expect((await gql(hub.gatewayUrl, query)).status).toBe(200);
  });
});
