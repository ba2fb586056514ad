/**
 * `Customer.googleAds` and `Query.googleAdsCampaigns` through the gateway of a whole hub
 * (startTestHub), counting the calls the Google Ads sandbox receives: one per Google operation
 * for a list of customers, none from a warm cache, a fresh one after the connector's changed
 * records drop a key, and a null field with a named error for each way Google can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { addDays, toDay } from '../../connectors/google-ads/dates.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { WriteBackSubject } from '../../connectors/unified/contracts.js';
import { gql, startTestHub, subgraphPost } from '../../test/support/hub.js';

const GRANTED = { adUserData: 'GRANTED', adPersonalization: 'GRANTED' } as const;
const NEW_GCLID = 'Cj0KCQgatewayTestClick000000000000';

function googleSandbox(hub: RunningHub) {
  const running = hub.sandboxes.find((s) => s.vendor === 'google-ads')!;
  const admin = (method: 'GET' | 'PUT' | 'POST', path: string, payload?: object) =>
    running.sandbox.app.inject({ method, url: `/__sandbox${path}`, ...(payload ? { payload } : {}) });
  const calls = () => [...running.sandbox.calls.values()].reduce((a, b) => a + b, 0);
  return { running, admin, calls, reset: () => running.sandbox.calls.clear() };
}

const googleErrors = (errors: { extensions?: Record<string, unknown>; path?: (string | number)[] }[] | undefined) =>
  (errors ?? []).filter((e) => e.extensions?.vendor === 'google-ads');

describe('Google Ads through the gateway', () => {
  let hub: RunningHub;
  let today: string;
  let people: WriteBackSubject[];
  let listId: string;
  let listChanged: { vendor: 'google-ads'; entity: string; id: string }[];

  beforeAll(async () => {
    hub = await startTestHub();
    const google = hub.connectors.googleAds;
    today = google.client.today();
    const { customers } = await hub.stores.identities.listCustomers(100);
    const emailed = customers.filter((c) => c.identities.some((i) => i.kind === 'EMAIL'));
    people = emailed.slice(0, 3).map((c) => ({ customerId: c.id, identities: c.identities }));

    // The hub learned a fresh gclid for the first person, and Google has the click (two days ago).
    await hub.stores.identities.attachIdentities(people[0]!.customerId, [{ kind: 'GCLID', value: NEW_GCLID }], new Date().toISOString());
    people[0] = { ...people[0]!, identities: [...people[0]!.identities, { kind: 'GCLID', value: NEW_GCLID }] };
    const clickedAt = new Date(google.client.now() - 2 * 86_400_000).toISOString();
    expect((await googleSandbox(hub).admin('POST', '/actions/click', { gclid: NEW_GCLID, clickedAt })).statusCode).toBe(201);

    // The hub placed two consenting people in a Customer Match list, and uploaded a conversion.
    const list = await google.customerMatch!.ensureList('Gateway VIPs');
    listId = list.id;
    const placed = await google.customerMatch!.addMembers(list, people.slice(0, 2).map((subject) => ({ subject, consent: GRANTED })), 'segment: vip');
    expect(placed.customerIds).toHaveLength(2);
    listChanged = placed.batch.changed as typeof listChanged;
    const conversion = await google.conversions.upload([
      {
        gclid: NEW_GCLID,
        conversionAction: (await google.client.searchStream('test.actions', "SELECT conversion_action.id FROM conversion_action WHERE conversion_action.type = 'UPLOAD_CLICKS'"))
          .map((r) => (r as { conversionAction: { id: string } }).conversionAction.id)[0]!,
        occurredAt: new Date(google.client.now() - 86_400_000).toISOString(),
        value: { amount: '42.50', currencyCode: 'USD' },
        subject: people[0],
        adUserData: 'GRANTED',
      },
    ]);
    expect(conversion.landed).toHaveLength(1);
  });
  afterAll(async () => hub?.close());

  it('costs one Google call per operation for 50 customers, none from a warm cache, and one again after a changed record drops its key', async () => {
    const sandbox = googleSandbox(hub);
    const window = { since: addDays(today, -29), until: today };
    const query = `query ($since: String, $until: String) {
      customers(first: 50) { edges { node { id googleAds {
        customerMatchLists { id sizeForDisplay }
        clicks(days: 1) { gclid }
        estimatedExposure(since: $since, until: $until) { estimatedImpressions }
      } } } }
    }`;
    sandbox.reset();
    const cold = await gql(hub.gatewayUrl, query, window);
    expect(cold.errors).toBeUndefined();
    const nodes = cold.data!.customers.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.filter((n: { googleAds: unknown }) => n.googleAds !== null).length).toBeGreaterThan(2);
    // user lists by id, clicks of one day, list targeting, campaign metrics: four operations, four calls.
    expect(sandbox.calls()).toBe(4);

    sandbox.reset();
    const warm = await gql(hub.gatewayUrl, query, window);
    expect(warm.data).toEqual(cold.data);
    expect(sandbox.calls()).toBe(0);

    // Ingest drops what the connector's changed records name (here: the list the hub just changed).
    await hub.cache.delete(...listChanged.map(cacheKeyOf));
    sandbox.reset();
    await gql(hub.gatewayUrl, query, window);
    expect(sandbox.calls()).toBe(1);
  });

  it("shows the person's Customer Match lists, clicks by gclid, uploaded conversions and estimated exposure", async () => {
    const window = { since: addDays(today, -29), until: today };
    const { data, errors } = await gql(
      hub.gatewayUrl,
      `query ($id: ID!, $since: String!, $until: String!) {
        customer(id: $id) { googleAds {
          customerMatchLists { id name joinedAt reason sizeForDisplay membershipStatus }
          clicks(days: 3) { gclid date campaignId campaignName }
          uploadedConversions { gclid conversionAction occurredAt value { amount currencyCode } }
          estimatedExposure(since: $since, until: $until) {
            since until estimate method estimatedImpressions unmeasuredCampaignIds
            contributions { campaignId userListId averageFrequency daysInList estimatedImpressions }
          }
        } }
        googleAdsCampaigns(since: $since, until: $until) { id channel frequency reach impressions }
      }`,
      { id: people[0]!.customerId, ...window },
    );
    expect(errors).toBeUndefined();
    const g = data!.customer.googleAds;
    expect(g.customerMatchLists).toEqual([
      { id: listId, name: 'Gateway VIPs', joinedAt: expect.any(String), reason: 'segment: vip', sizeForDisplay: 2, membershipStatus: 'OPEN' },
    ]);
    expect(g.clicks).toEqual([expect.objectContaining({ gclid: NEW_GCLID, date: toDay(hub.connectors.googleAds.client.now() - 2 * 86_400_000) })]);
    expect(g.uploadedConversions).toEqual([expect.objectContaining({ gclid: NEW_GCLID, value: { amount: '42.50', currencyCode: 'USD' } })]);

    // Exposure: list membership (today: 1 day of 30) × each Display/Video campaign's average frequency.
    const campaigns = data!.googleAdsCampaigns as { id: string; channel: string; frequency: number | null }[];
    const measured = campaigns.filter((c) => c.frequency !== null);
    expect(measured.map((c) => c.channel).sort()).toEqual(['DISPLAY', 'VIDEO']);
    const exposure = g.estimatedExposure;
    expect(exposure).toMatchObject({ ...window, estimate: true, method: 'LIST_MEMBERSHIP_X_CAMPAIGN_AVERAGE_FREQUENCY' });
    expect(exposure.contributions).toEqual(
      measured.map((c) => ({ campaignId: c.id, userListId: listId, averageFrequency: c.frequency, daysInList: 1, estimatedImpressions: Math.round((c.frequency! / 30) * 100) / 100 })),
    );
    expect(exposure.estimatedImpressions).toBeCloseTo(exposure.contributions.reduce((n: number, c: { estimatedImpressions: number }) => n + c.estimatedImpressions, 0), 6);
  });

  it('answers googleAdsCampaigns with reach and frequency only where Google reports them, and refuses bad windows', async () => {
    const month = await gql(hub.gatewayUrl, '{ googleAdsCampaigns(since: "2026-10-01", until: "2026-10-30") { channel impressions reach frequency spend { amount currencyCode } conversions } }');
    expect(month.errors).toBeUndefined();
    for (const c of month.data!.googleAdsCampaigns) {
      expect(c.impressions).toBeGreaterThan(0);
      expect(c.spend.currencyCode).toBe('USD');
      if (c.channel === 'SEARCH') expect(c.reach).toBeNull();
      else expect(c.frequency).toBeCloseTo(c.impressions / c.reach, 6);
    }
    const long = await gql(hub.gatewayUrl, '{ googleAdsCampaigns(since: "2026-01-01", until: "2026-10-30") { reach frequency } }');
    expect(long.data!.googleAdsCampaigns.every((c: { reach: unknown }) => c.reach === null)).toBe(true);
    const bad = await gql(hub.gatewayUrl, '{ googleAdsCampaigns(since: "2026-10-30", until: "2026-10-01") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('tells the gateway how long answers may be cached: a person’s Google data 60 s privately, campaign reports 300 s for anyone', async () => {
    // Signed as the gateway signs: subgraphs refuse anything else. Every object field is asked for:
    // one without a hint would turn the whole answer into no-store.
    const campaigns = await subgraphPost(hub, 'google-ads', { query: '{ googleAdsCampaigns(since: "2026-10-01", until: "2026-10-30") { id reach spend { amount } } }' });
    expect(campaigns.status).toBe(200);
    expect(campaigns.headers.get('cache-control')).toBe('max-age=300, public');

    const person = {
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { googleAds {
        customerMatchLists { id name } clicks(days: 3) { gclid } uploadedConversions { gclid value { amount } }
        estimatedExposure { estimatedImpressions contributions { campaignId } }
      } } } }`,
      variables: { r: [{ __typename: 'Customer', id: people[0]!.customerId, identities: [{ kind: 'GCLID', value: NEW_GCLID }] }] },
    };
    const personal = await subgraphPost(hub, 'google-ads', person);
    expect(personal.status).toBe(200);
    const body = (await personal.json()) as { data: { _entities: { googleAds: { clicks: { gclid: string }[] } }[] } };
    expect(body.data._entities[0]!.googleAds.clicks).toEqual([{ gclid: NEW_GCLID }]);
    expect(personal.headers.get('cache-control')).toBe('max-age=60, private');

    // Both in one answer: the shortest life, and private, because part of it is one person's.
    const mixed = await subgraphPost(hub, 'google-ads', {
      ...person,
      query: person.query.replace('query ($r: [_Any!]!) {', 'query ($r: [_Any!]!) { googleAdsCampaigns(since: "2026-10-01", until: "2026-10-30") { id }'),
    });
    expect(mixed.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('turns a revoked token into a null field with UPSTREAM_AUTH, and an outage into UPSTREAM_UNAVAILABLE, the rest of the answer intact', async () => {
    const sandbox = googleSandbox(hub);
    const query = `query ($id: ID!, $days: Int) { customer(id: $id) { id identities { kind } googleAds { clicks(days: $days) { gclid } uploadedConversions { gclid } } } }`;
    // Someone whose gclid Google has not been asked about for these windows (a cached click would need no call).
    const { customers } = await hub.stores.identities.listCustomers(100);
    const id = customers.find((c) => c.id !== people[0]!.customerId && c.identities.some((i) => i.kind === 'GCLID'))!.id;

    await sandbox.admin('PUT', '/google-ads/oauth', { revoked: true });
    const refused = await gql(hub.gatewayUrl, query, { id, days: 5 });
    await sandbox.admin('PUT', '/google-ads/oauth', { revoked: false });
    expect(refused.data!.customer.id).toBe(id);
    expect(refused.data!.customer.identities.length).toBeGreaterThan(1);
    expect(refused.data!.customer.googleAds.clicks).toBeNull();
    expect(refused.data!.customer.googleAds.uploadedConversions).toEqual([]);
    expect(googleErrors(refused.errors)).toEqual([
      expect.objectContaining({ path: ['customer', 'googleAds', 'clicks'], extensions: expect.objectContaining({ code: 'UPSTREAM_AUTH', vendor: 'google-ads' }) }),
    ]);

    await sandbox.admin('PUT', '/controls', { outage: true });
    const down = await gql(hub.gatewayUrl, query, { id, days: 6 });
    await sandbox.admin('PUT', '/controls', { outage: false });
    expect(down.data!.customer.googleAds.clicks).toBeNull();
    expect(googleErrors(down.errors)).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', vendor: 'google-ads' }) })]);
  });
});

describe('Google Ads failure modes through the gateway: slow and throttling', () => {
  let hub: RunningHub;
  let customerId: string;

  beforeAll(async () => {
    hub = await startTestHub({ VENDOR_TIMEOUT_MS: '300' });
    const { customers } = await hub.stores.identities.listCustomers(100);
    customerId = customers.find((c) => c.identities.some((i) => i.kind === 'GCLID'))!.id;
  });
  afterAll(async () => hub?.close());

  const query = `query ($id: ID!, $days: Int) { customer(id: $id) { id googleAds { clicks(days: $days) { gclid } } } }`;

  it('turns a Google slower than the vendor timeout into a null field with UPSTREAM_TIMEOUT', async () => {
    const sandbox = googleSandbox(hub);
    await sandbox.admin('PUT', '/controls', { latencyMs: 1_000 });
    const slow = await gql(hub.gatewayUrl, query, { id: customerId, days: 1 });
    await sandbox.admin('PUT', '/controls', { latencyMs: 0 });
    expect(slow.data!.customer.id).toBe(customerId);
    expect(slow.data!.customer.googleAds.clicks).toBeNull();
    expect(googleErrors(slow.errors)).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', vendor: 'google-ads' }) })]);
  });

  it("turns RESOURCE_EXHAUSTED into a null field with UPSTREAM_THROTTLED and Google's retryDelay", async () => {
    const sandbox = googleSandbox(hub);
    await sandbox.admin('PUT', '/google-ads/quota', { requestsPerWindow: 1, windowMs: 120_000 });
    // Two days of clicks: two calls; the second is over the quota.
    const throttled = await gql(hub.gatewayUrl, query, { id: customerId, days: 2 });
    expect(throttled.data!.customer.googleAds.clicks).toBeNull();
    const [error] = googleErrors(throttled.errors);
    expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_THROTTLED', vendor: 'google-ads', retryable: true });
    expect(error?.extensions?.retryAfterMs).toBeGreaterThan(100_000);
  });
});
