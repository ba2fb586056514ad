/**
 * A slow or down Meta through the gateway: only the fields Meta answers turn null, with an error
 * naming Meta and a stable code; the rest of the customer, other vendors included, still arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, startTestHub } from '../../test/support/hub.js';

const QUERY = `query ($id: ID!) {
  customer(id: $id) {
    id
    identities { kind value }
    metaAds { leads { id } }
    klaviyo { id }
  }
  metaCampaigns(since: "2026-10-01", until: "2026-10-31") { campaignId }
}`;

describe('meta-ads subgraph when Meta is slow or down', () => {
  let hub: RunningHub;
  let metaUrl: string;
  let customerId: string;
  const controls = (body: unknown) =>
    fetch(`${metaUrl}/__sandbox/controls`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    // Short enough to keep the timeout case quick, long enough that a loaded machine answers the others in time.
    hub = await startTestHub({ VENDOR_TIMEOUT_MS: '1500' });
    metaUrl = hub.sandboxes.find((s) => s.vendor === 'meta')!.url;
    const { data } = await gql(hub.gatewayUrl, '{ customers(first: 100) { edges { node { id identities { kind value } } } } }');
    const people = data!.customers.edges.map((e: { node: { id: string; identities: { kind: string }[] } }) => e.node);
    customerId = people.find((p: { identities: { kind: string }[] }) => p.identities.some((i) => i.kind === 'META_LEAD') && p.identities.some((i) => i.kind === 'KLAVIYO')).id;
  });
  afterAll(async () => hub?.close());

  // Before the outage test: repeated failures there open Meta's circuit, which answers UNAVAILABLE.
  it('answers UPSTREAM_TIMEOUT for Meta’s fields when Meta is slower than the vendor timeout', async () => {
    await controls({ latencyMs: 2500 });
    try {
      const { status, data, errors } = await gql(hub.gatewayUrl, '{ metaCampaigns(since: "2026-09-01", until: "2026-09-30") { campaignId } }');
      expect(status).toBe(200);
      expect(data!.metaCampaigns).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({ path: ['metaCampaigns'], extensions: { code: 'UPSTREAM_TIMEOUT', vendor: 'meta' } });
      expect(errors![0]!.message).toMatch(/Meta Ads/);
    } finally {
      await controls({ latencyMs: 0 });
    }
  });

  it('answers UPSTREAM_UNAVAILABLE for Meta’s fields during an outage, and everything else as usual', async () => {
    await controls({ outage: true });
    try {
      const { status, data, errors } = await gql(hub.gatewayUrl, QUERY, { id: customerId });
      expect(status).toBe(200);
      expect(data!.customer.id).toBe(customerId);
      expect(data!.customer.klaviyo.id).toEqual(expect.any(String));
      expect(data!.customer.metaAds.leads).toBeNull();
      expect(data!.metaCampaigns).toBeNull();
      expect(errors!.map((e) => e.path)).toEqual(expect.arrayContaining([['customer', 'metaAds', 'leads'], ['metaCampaigns']]));
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', vendor: 'meta' });
    } finally {
      await controls({ outage: false });
    }
  });
});
