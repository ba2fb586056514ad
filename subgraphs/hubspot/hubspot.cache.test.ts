/**
 * The HubSpot subgraph's cache, end to end but for ingest's routing: a read fills the cache, the
 * next costs HubSpot nothing, and a real signed webhook (verified and mapped by the connector, its
 * `changed` records deleted by `cacheKeyOf`, as ingest does) makes exactly the changed reads fresh.
 * Also the `Cache-Control` header the gateway sees.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.js';
import type { Connectors } from '../../connectors/create-connectors.js';
import { createHubSpotConnector, type HubSpotConnector } from '../../connectors/hubspot/index.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { WebhookRequest } from '../../connectors/unified/contracts.js';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import { signParams } from '../../platform/upstream-signature.js';
import type { RunningService } from '../../platform/service.js';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../test/support/hubspot-sandbox.js';
import { waitFor } from '../../test/support/wait-for.js';
import { startHubSpotSubgraph } from './server.js';

let hubspot: RunningHubSpotSandbox;
let connector: HubSpotConnector;
let subgraph: RunningService;
/** The subgraph answers only calls signed like the gateway's. */
let upstreamSecret = '';
let receiver: Server;
const cache = new MemoryCache();
const deliveries: WebhookRequest[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = `http://${req.headers.host}${req.url}`;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      deliveries.push({ method: req.method!, url, headers, rawBody: Buffer.concat(chunks), query: {} });
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  hubspot = await startHubSpotSandbox({ webhookTarget: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot` });
  connector = createHubSpotConnector(hubspot.connection, testRuntime());
  const config = loadConfig({ HUBSPOT_SUBGRAPH_PORT: '0', LOG_LEVEL: 'silent' });
  upstreamSecret = config.upstreamSecret;
  subgraph = await startHubSpotSubgraph(config, { hubspot: connector } as unknown as Connectors, cache);
});
afterAll(async () => {
  await subgraph?.close();
  connector?.client.close();
  await hubspot?.close();
  receiver?.close();
});

const customer = () => hubspot.world.people.find((p) => p.hubspot && hubspot.sandbox.state.associations.list('contacts', p.hubspot.contactId, 'deals').length > 0)!;
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Customer { hubspot { id lifecycleStage deals { id stage } recentEngagements(first: 5) { id type summary } } }
  }
}`;

async function read() {
  const person = customer();
  const representations = [{ __typename: 'Customer', id: 'cus_test', identities: [{ kind: 'HUBSPOT', value: person.hubspot!.contactId }] }];
  hubspot.resetCalls();
  const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ENTITIES, variables: { representations }, extensions: signParams(upstreamSecret, { query: ENTITIES, variables: { representations } }) }) });
  const body = (await response.json()) as { data: { _entities: { hubspot: { id: string; lifecycleStage: string; deals: { id: string; stage: string }[]; recentEngagements: { summary: string }[] } }[] } };
  return { hubspot: body.data._entities[0]!.hubspot, cacheControl: response.headers.get('cache-control'), calls: hubspot.calls() };
}

/** What ingest does with a delivery: verify, map, drop the changed records from the cache. */
async function ingest(action: string, payload: unknown) {
  const before = deliveries.length;
  await hubspot.sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions${action}`, payload: payload as object });
  await waitFor(() => deliveries.length > before, { what: 'the webhook' });
  const request = deliveries[deliveries.length - 1]!;
  expect(connector.webhooks.verify(request)).toEqual({ ok: true });
  const batch = await connector.webhooks.toBatch(request);
  await cache.delete(...batch.changed.map(cacheKeyOf));
}

describe('HubSpot subgraph cache', () => {
  it('answers from HubSpot once, then from the cache, with a private Cache-Control max-age', async () => {
    const first = await read();
    expect(first.hubspot.id).toBe(customer().hubspot!.contactId);
    expect(Object.keys(first.calls).length).toBeGreaterThan(0);
    expect(first.cacheControl).toBe('max-age=60, private');
    const second = await read();
    expect(second.hubspot).toEqual(first.hubspot);
    expect(second.calls).toEqual({});
  });

  it('reads the contact afresh after a lifecycle-stage webhook, and nothing else', async () => {
    const stage = (await read()).hubspot.lifecycleStage === 'customer' ? 'opportunity' : 'customer';
    await ingest(`/contacts/${customer().hubspot!.contactId}/lifecycle-stage`, { stage });
    const after = await read();
    expect(after.hubspot.lifecycleStage).toBe(stage);
    expect(after.calls).toEqual({ 'POST /crm/v3/objects/:objectType/batch/read': 1 });
  });

  it('reads the deal afresh after a deal-stage webhook', async () => {
    const deal = (await read()).hubspot.deals[0]!;
    const stage = deal.stage === 'closedlost' ? 'closedwon' : 'closedlost';
    await ingest(`/deals/${deal.id}/stage`, { stage });
    const after = await read();
    expect(after.hubspot.deals.find((d) => d.id === deal.id)!.stage).toBe(stage);
    expect(after.calls).toEqual({ 'POST /crm/v3/objects/:objectType/batch/read': 1 });
  });

  it('shows a sales email logged after the first read, once its webhook arrives', async () => {
    await ingest(`/contacts/${customer().hubspot!.contactId}/sales-emails`, { subject: 'Renewal terms', direction: 'EMAIL' });
    const after = await read();
    expect(after.hubspot.recentEngagements[0]).toMatchObject({ type: 'EMAIL', summary: 'Sales email sent' });
    // The contact's email list and the new email were read; deals, calls and notes came from the cache.
    expect(after.calls).toEqual({ 'POST /crm/v4/associations/:fromObjectType/:toObjectType/batch/read': 1, 'POST /crm/v3/objects/:objectType/batch/read': 1 });
  });
});
