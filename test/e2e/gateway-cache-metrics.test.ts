/**
 * The response cache, `/metrics` and the offline IDE, over HTTP. The cache is counted by the
 * gateway's calls to subgraphs: a hit makes none, a miss at least one. `/metrics` must then show
 * every kind of outcome this suite provoked.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { DEMO_CLIENT_KEYS } from '../../config/demo-clients.js';
import { IDE_ASSET_FILES } from '../../gateway/ide/ide-assets.js';
import { gql, PARTNER_CLIENT, startTestHub } from '../support/hub.js';
import { metric, post, writeClientsFile } from '../support/gateway.js';
import { seedTimelineEvents } from '../../profile/timeline/seed-events.js';

const APP = { 'x-api-key': 'web-app-key' };
const TINY = { 'x-api-key': 'tiny-key' };
const partnerOps = JSON.parse(readFileSync(new URL('../../persisted/hub_demo_partner.json', import.meta.url), 'utf8')).operations as { id: string; name: string }[];

describe('gateway response cache, metrics and IDE', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({
      GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: '60',
      GATEWAY_CLIENTS_FILE: writeClientsFile([
        { name: 'web-app', key: APP['x-api-key'], arbitraryDocuments: true },
        { name: 'tiny', key: TINY['x-api-key'], arbitraryDocuments: true, rateLimit: { points: 1, durationSeconds: 60 } },
      ]),
    });
  });
  afterAll(async () => hub?.close());

  const customerCalls = () => metric(hub.gatewayUrl, 'hub_gateway_upstream_requests_total', { subgraph: 'customer' });
  const LIST = '{ customers(first: 3) { edges { node { id identities { kind maskedValue } } } } }';

  it('serves a repeated cacheable query without calling any subgraph', async () => {
    const before = await customerCalls();
    const first = await gql(hub.gatewayUrl, LIST);
    expect(first.data!.customers.edges).toHaveLength(3);
    const afterFirst = await customerCalls();
    expect(afterFirst).toBeGreaterThan(before);

    const second = await gql(hub.gatewayUrl, LIST);
    expect(second).toEqual(first);
    expect(await customerCalls()).toBe(afterFirst);
    expect(await metric(hub.gatewayUrl, 'hub_gateway_response_cache_hits_total', { client: 'hub_demo_internal' })).toBe(1);
  });

  it('never serves one client’s cached answer to another', async () => {
    await gql(hub.gatewayUrl, LIST); // cached for the internal client by now
    const before = await customerCalls();
    const other = await gql(hub.gatewayUrl, LIST, undefined, APP);
    expect(other.data!.customers.edges).toHaveLength(3);
    expect(await customerCalls()).toBeGreaterThan(before);
    expect(await metric(hub.gatewayUrl, 'hub_gateway_response_cache_hits_total', { client: 'web-app' })).toBe(0);
  });

  it('does not cache what a subgraph marks uncacheable (live vendor reads)', async () => {
    const query = '{ customer(email: "sam.silva1@mail.example") { id hubspot { id } } }';
    const hubspotCalls = () => metric(hub.gatewayUrl, 'hub_gateway_upstream_requests_total', { subgraph: 'hubspot' });
    const before = await hubspotCalls();
    await gql(hub.gatewayUrl, query);
    await gql(hub.gatewayUrl, query);
    expect(await hubspotCalls()).toBe(before + 2);
  });

  it('does not cache an uncacheable answer when identical requests arrive at once (one subgraph call serves them all)', async () => {
    const { customers } = (await gql(hub.gatewayUrl, '{ customers(first: 1) { edges { node { id } } } }')).data!;
    const id = customers.edges[0].node.id as string;
    const query = 'query ($id: ID!) { customer(id: $id) { timeline(first: 5) { totalCount } } }';
    const count = async () => (await gql(hub.gatewayUrl, query, { id })).data!.customer.timeline.totalCount as number;
    const before = await count();
    // Concurrent identical requests share one in-flight subgraph call; none may be cached for it.
    await Promise.all(Array.from({ length: 20 }, () => count()));
    await seedTimelineEvents(hub.stores.timeline, id, 3, { idPrefix: 'cache-race', start: '2031-01-01T00:00:00.000Z' });
    expect(await count()).toBe(before + 3);
  });

  it('counts requests, latency, errors by code, rate limits, cache hits and upstream calls in /metrics', async () => {
    await gql(hub.gatewayUrl, LIST, undefined, {}); // 401
    await post(hub.gatewayUrl, { documentId: partnerOps.find((o) => o.name === 'PartnerCustomerContact')!.id, variables: { email: 'x@y.z' } }, PARTNER_CLIENT); // PII refused
    await post(hub.gatewayUrl, { documentId: partnerOps.find((o) => o.name === 'PartnerCustomerSummary')!.id, variables: { email: 'sam.silva1@mail.example' } }, PARTNER_CLIENT);
    await gql(hub.gatewayUrl, `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: customers { totalCount }`).join(' ')} }`); // alias limit
    await gql(hub.gatewayUrl, LIST, undefined, TINY);
    await gql(hub.gatewayUrl, LIST, undefined, TINY); // 429

    const m = (name: string, labels: Record<string, string>) => metric(hub.gatewayUrl, name, labels);
    expect(await m('hub_gateway_requests_total', { client: 'anonymous', status: '401' })).toBe(1);
    expect(await m('hub_gateway_requests_total', { client: 'hub_demo_partner', operation: 'PartnerCustomerSummary', status: '200' })).toBe(1);
    expect(await m('hub_gateway_requests_total', { client: 'tiny', status: '429' })).toBe(1);
    expect(await m('hub_gateway_request_duration_seconds_count', { client: 'hub_demo_internal' })).toBeGreaterThanOrEqual(4);
    expect(await m('hub_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(await m('hub_gateway_errors_total', { client: 'hub_demo_partner', operation: 'PartnerCustomerContact', code: 'UNAUTHORIZED_FIELD_OR_TYPE' })).toBe(2);
    expect(await m('hub_gateway_errors_total', { code: 'TOO_MANY_ALIASES' })).toBe(1);
    expect(await m('hub_gateway_errors_total', { client: 'tiny', code: 'RATE_LIMITED' })).toBe(1);
    expect(await m('hub_gateway_rate_limited_total', { client: 'tiny' })).toBe(1);
    expect(await m('hub_gateway_response_cache_hits_total', {})).toBeGreaterThanOrEqual(2);
    for (const subgraph of ['customer', 'hubspot', 'shopify']) {
      expect(await m('hub_gateway_upstream_requests_total', { subgraph, status: '200' })).toBeGreaterThan(0);
      expect(await m('hub_gateway_upstream_duration_seconds_count', { subgraph })).toBeGreaterThan(0);
    }
  });

  it('serves the IDE page and every asset it loads from the gateway itself, no CDN', async () => {
    const page = await fetch(hub.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(html).toContain(DEMO_CLIENT_KEYS.internal); // the embedded mode prefills the internal demo key
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"|'([^']+\.js)'/g)].map((m) => m[1] ?? m[2]!);
    expect(urls.filter((u) => /^https?:|^\/\//.test(u))).toEqual([]);
    expect(urls.length).toBe(IDE_ASSET_FILES.length);
    for (const url of urls) {
      const asset = await fetch(new URL(url, hub.gatewayUrl));
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript|css/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(new URL('/ide/../package.json', hub.gatewayUrl))).status).not.toBe(200);
  });
});
