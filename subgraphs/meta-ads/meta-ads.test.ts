/**
 * The meta-ads subgraph through the gateway, on a whole hub over HTTP: audiences the hub placed a
 * person in (from the ledger, via a real audience sync against the sandbox), leads, the estimated
 * exposure, campaign metrics, batching and caching counted at the sandbox, and the partial answers
 * when Meta refuses the token or throttles.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createConnectors, type Connectors } from '../../connectors/create-connectors.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { Identity } from '../../connectors/unified/identity.js';
import { gql, startTestHub, subgraphPost } from '../../test/support/hub.js';

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const WINDOW = { since: new Date(Date.now() - 27 * DAY_MS).toISOString().slice(0, 10), until: today };
const OCTOBER = { since: '2026-10-01', until: '2026-10-31' };

const PERSON = `query ($id: ID!, $since: String, $until: String) {
  customer(id: $id) {
    id
    metaAds {
      audiences { audienceId audienceName joinedAt reason }
      leads { id formId adId adSetId campaignId campaignName createdTime isOrganic }
      estimatedExposure(since: $since, until: $until) {
        estimated method since until estimatedImpressions
        byAdSet { adSetId adSetName campaignId audienceIds averageFrequency daysInAudience windowDays estimatedImpressions }
      }
    }
  }
}`;

const LIST = `query ($since: String, $until: String) {
  customers(first: 50) { edges { node { id
    metaAds { audiences { audienceId } leads { id } estimatedExposure(since: $since, until: $until) { estimatedImpressions } }
  } } }
}`;

interface Person {
  id: string;
  identities: Identity[];
}

describe('meta-ads subgraph through the gateway', () => {
  let hub: RunningHub;
  let connectors: Connectors;
  let metaUrl: string;
  let people: Person[];
  let audienceId: string;
  const targetedAdSet = () => adSetIds[2]!;
  let adSetIds: string[];
  const admin = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${metaUrl}/__sandbox${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) })).json();
  const graph = async (path: string, params: Record<string, string>) =>
    (await fetch(`${metaUrl}/v26.0${path}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${SANDBOX_CREDENTIALS.meta.token}` } })).json();

  beforeAll(async () => {
    hub = await startTestHub();
    metaUrl = hub.sandboxes.find((s) => s.vendor === 'meta')!.url;
    connectors = createConnectors(hub.config, { audiences: hub.stores.audiences });
    const { data } = await gql(hub.gatewayUrl, '{ customers(first: 100) { edges { node { id identities { kind value } } } } }');
    people = data!.customers.edges.map((e: { node: Person }) => e.node);
    const withEmail = people.filter((p) => p.identities.some((i) => i.kind === 'EMAIL'));
    const report = await connectors.meta.audiences!.sync({
      audience: { create: { name: 'Hub: cart abandoners' } },
      reason: 'segment:cart-abandoners',
      candidates: withEmail.slice(0, 10).map((p, i) => ({
        customerId: p.id,
        identities: p.identities,
        consent: { AD_USER_DATA: i < 8 ? 'GRANTED' : 'DENIED', AD_PERSONALIZATION: 'GRANTED' },
      })),
    });
    audienceId = report.audienceId;
    expect(report.uploaded).toHaveLength(8);
    adSetIds = (await connectors.meta.client.listAdSets()).map((s) => s.id).sort();
    await connectors.meta.client.targetAudience(targetedAdSet(), audienceId);
  });
  afterAll(async () => {
    connectors?.meta.client.close();
    await hub?.close();
  });

  it('answers the audiences the hub placed a person in (when and why) and an estimated exposure from ad-set frequency', async () => {
    const placed = (await hub.stores.audiences.membersOf('meta', audienceId))[0]!;
    const { data, errors } = await gql(hub.gatewayUrl, PERSON, { id: placed, ...WINDOW });
    expect(errors).toBeUndefined();
    const metaAds = data!.customer.metaAds;
    expect(metaAds.audiences).toEqual([
      { audienceId, audienceName: 'Hub: cart abandoners', joinedAt: expect.stringMatching(new RegExp(`^${today}T`)), reason: 'segment:cart-abandoners' },
    ]);
    const [row] = (await graph(`/${targetedAdSet()}/insights`, { fields: 'frequency', time_range: JSON.stringify(WINDOW) })).data;
    const windowDays = 28;
    expect(metaAds.estimatedExposure).toEqual({
      estimated: true,
      method: 'AUDIENCE_MEMBERSHIP_X_AVERAGE_FREQUENCY',
      ...WINDOW,
      estimatedImpressions: Math.round((Number(row.frequency) / windowDays) * 100) / 100,
      byAdSet: [
        {
          adSetId: targetedAdSet(),
          adSetName: expect.any(String),
          campaignId: expect.any(String),
          audienceIds: [audienceId],
          averageFrequency: Number(row.frequency),
          daysInAudience: 1,
          windowDays,
          estimatedImpressions: Math.round((Number(row.frequency) / windowDays) * 100) / 100,
        },
      ],
    });
  });

  it('answers a person’s leads, and null for someone Meta knows nothing about', async () => {
    const withLead = people.find((p) => p.identities.some((i) => i.kind === 'META_LEAD'))!;
    const leadIds = withLead.identities.filter((i) => i.kind === 'META_LEAD').map((i) => i.value);
    const { data, errors } = await gql(hub.gatewayUrl, PERSON, { id: withLead.id, ...OCTOBER });
    expect(errors).toBeUndefined();
    expect(data!.customer.metaAds.leads.map((l: { id: string }) => l.id).sort()).toEqual(leadIds.sort());
    expect(data!.customer.metaAds.leads[0]).toMatchObject({ createdTime: expect.stringMatching(/Z$/), campaignName: expect.any(String), isOrganic: false });

    const placed = new Set(await hub.stores.audiences.membersOf('meta', audienceId));
    const nobody = people.find((p) => !placed.has(p.id) && !p.identities.some((i) => i.kind === 'META_LEAD'))!;
    const none = await gql(hub.gatewayUrl, PERSON, { id: nobody.id });
    expect(none.errors).toBeUndefined();
    expect(none.data!.customer.metaAds).toBeNull();
  });

  it('answers metaCampaigns with the window’s metrics, and refuses a malformed window', async () => {
    const { data, errors } = await gql(
      hub.gatewayUrl,
      'query ($since: String!, $until: String!) { metaCampaigns(since: $since, until: $until) { campaignId campaignName since until impressions reach frequency spend { amount currencyCode } clicks conversions } }',
      OCTOBER,
    );
    expect(errors).toBeUndefined();
    const rows = (await graph('/act_1000000001/insights', { level: 'campaign', fields: 'campaign_id,impressions,reach,spend', time_range: JSON.stringify(OCTOBER) })).data;
    expect(data!.metaCampaigns).toHaveLength(3);
    for (const campaign of data!.metaCampaigns) {
      const row = rows.find((r: { campaign_id: string }) => r.campaign_id === campaign.campaignId);
      expect(campaign).toMatchObject({ since: OCTOBER.since, until: OCTOBER.until, impressions: Number(row.impressions), reach: Number(row.reach), spend: { amount: row.spend, currencyCode: 'USD' } });
      expect(campaign.frequency).toBeCloseTo(campaign.impressions / campaign.reach, 5);
      expect(campaign.conversions).toBeGreaterThanOrEqual(0);
    }
    const bad = await gql(hub.gatewayUrl, '{ metaCampaigns(since: "2026-10-31", until: "2026-10-01") { campaignId } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs one Meta call per operation for customers(first: 50), none from a warm cache, one again after a lead webhook', async () => {
    // A cold start for the ad sets (earlier tests read them); leads and this window were never read.
    await hub.cache.delete(cacheKeyOf({ vendor: 'meta', entity: 'adsets', id: 'account' }));
    await admin('DELETE', '/calls');
    const window = { since: '2026-09-01', until: '2026-09-30' };
    const first = await gql(hub.gatewayUrl, LIST, window);
    expect(first.errors).toBeUndefined();
    const withMeta = first.data!.customers.edges.filter((e: { node: { metaAds: unknown } }) => e.node.metaAds !== null);
    expect(withMeta.length).toBeGreaterThan(8);
    const calls = await admin('GET', '/calls');
    expect(calls.byRoute).toEqual({ 'GET /:version/': 1, 'GET /:version/:node/adsets': 1, 'GET /:version/:node/insights': 1 });

    await admin('DELETE', '/calls');
    const again = await gql(hub.gatewayUrl, LIST, window);
    expect(again.data).toEqual(first.data);
    expect((await admin('GET', '/calls')).total).toBe(0);

    // Meta notifies a lead; the handler names the changed record; ingest drops its cache entry.
    const leadId = people.flatMap((p) => p.identities).find((i) => i.kind === 'META_LEAD')!.value;
    const body = JSON.stringify({ object: 'page', entry: [{ id: SANDBOX_CREDENTIALS.meta.pageId, time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: leadId } }] }] });
    const request = {
      method: 'POST',
      url: 'http://127.0.0.1/webhooks/meta',
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', SANDBOX_CREDENTIALS.meta.webhookSecret).update(body).digest('hex')}` },
      rawBody: Buffer.from(body),
      query: {},
    };
    expect(connectors.meta.webhooks.verify(request)).toEqual({ ok: true });
    const batch = await connectors.meta.webhooks.toBatch(request);
    await hub.cache.delete(...batch.changed.map(cacheKeyOf));
    await admin('DELETE', '/calls');
    await gql(hub.gatewayUrl, LIST, window);
    expect((await admin('GET', '/calls')).byRoute).toEqual({ 'GET /:version/': 1 });
  });

  it('sends cache hints: campaign metrics may be reused by anyone for 15 minutes', async () => {
    const response = await subgraphPost(hub, 'meta-ads', { query: '{ metaCampaigns(since: "2026-10-01", until: "2026-10-31") { campaignId } }' });
    expect(response.headers.get('cache-control')).toBe('max-age=900, public');
  });

  it('keeps the hub’s own audiences when Meta refuses the token, nulling only what Meta answers, with UPSTREAM_AUTH', async () => {
    const [placed] = await hub.stores.audiences.membersOf('meta', audienceId);
    await admin('POST', '/actions/revoke-token');
    try {
      const fresh = { since: '2026-08-01', until: '2026-08-31' };
      const { status, data, errors } = await gql(hub.gatewayUrl, PERSON, { id: placed, ...fresh });
      expect(status).toBe(200);
      expect(data!.customer.id).toBe(placed);
      expect(data!.customer.metaAds.audiences).toHaveLength(1);
      expect(data!.customer.metaAds.estimatedExposure).toBeNull();
      const exposureError = errors!.find((e) => e.path?.at(-1) === 'estimatedExposure')!;
      expect(exposureError.extensions).toMatchObject({ code: 'UPSTREAM_AUTH', vendor: 'meta' });
      const campaigns = await gql(hub.gatewayUrl, '{ metaCampaigns(since: "2026-07-01", until: "2026-07-31") { campaignId } }');
      expect(campaigns.data!.metaCampaigns).toBeNull();
      expect(campaigns.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_AUTH', vendor: 'meta' });
    } finally {
      await admin('POST', '/actions/restore-token');
    }
  });

  // Last: a throttle pauses the account's rate budget for the hour Meta announces.
  it('answers UPSTREAM_THROTTLED once Meta’s insights budget is spent, without waiting it out', async () => {
    await admin('PUT', '/meta/limits', { buc: { ads_insights: { calls: 1, windowSeconds: 3600 } } });
    await admin('DELETE', '/meta/usage');
    const query = 'query ($since: String!, $until: String!) { metaCampaigns(since: $since, until: $until) { campaignId } }';
    expect((await gql(hub.gatewayUrl, query, { since: '2026-06-01', until: '2026-06-30' })).errors).toBeUndefined();
    const { data, errors } = await gql(hub.gatewayUrl, query, { since: '2026-05-01', until: '2026-05-31' });
    expect(data!.metaCampaigns).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_THROTTLED', vendor: 'meta', retryable: true, retryAfterMs: expect.any(Number) });
  });
});
