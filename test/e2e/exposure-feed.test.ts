/**
 * The estimated ad-exposure feed (ingest/exposure) on a whole hub over HTTP: people placed in a
 * Meta custom audience and a Google Customer Match list through the connectors, the feed run as
 * ingest runs it, and `Customer.frequency` through the gateway counting yesterday's estimate as
 * PAID_SOCIAL / PAID_SEARCH touches. Re-feeding changes nothing; nobody outside an audience gets
 * anything; a platform that is down is reported and skipped while the other is fed.
 *
 * The world is unpinned (every clock is the wall clock, Google's too), so "yesterday" is the same
 * day for both platforms and for the touch log's windows. People are placed by connectors whose
 * clock runs two days behind: placed today, they would have been in no audience yesterday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { createGoogleAdsConnector, type GoogleAdsConnector } from '../../connectors/google-ads/connector.js';
import { createMetaConnector, type MetaConnector } from '../../connectors/meta-ads/connector.js';
import type { Identity } from '../../connectors/unified/identity.js';
import type { ExposureRunReport } from '../../ingest/exposure/exposure-feed.js';
import type { RunningIngest } from '../../ingest/server.js';
import { gql, startTestHub } from '../support/hub.js';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const GRANTED = { adUserData: 'GRANTED', adPersonalization: 'GRANTED' } as const;

const FREQUENCY = `query($id: ID!) {
  customer(id: $id) { frequency(window: LAST_7_DAYS) { channels { channel estimated } } }
}`;

const META_ESTIMATE = `query($id: ID!, $since: String, $until: String) {
  customer(id: $id) { metaAds { estimatedExposure(since: $since, until: $until) { estimatedImpressions } } }
}`;

interface Person {
  id: string;
  identities: Identity[];
}

describe('estimated ad exposure fed into the frequency touch log', () => {
  let hub: RunningHub;
  let meta: MetaConnector;
  let googleAds: GoogleAdsConnector;
  let metaPeople: string[];
  let googlePeople: string[];
  let nobody: string;
  let audienceId: string;
  const yesterday = () => day(Date.now() - DAY_MS);
  const ingest = () => hub.services.find((s) => s.name === 'ingest') as RunningIngest;
  const sandboxUrl = (vendor: string) => hub.sandboxes.find((s) => s.vendor === vendor)!.url;
  const admin = async (vendor: string, method: string, path: string, body?: unknown) =>
    (
      await fetch(`${sandboxUrl(vendor)}/__sandbox${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      })
    ).json();

  const estimatedOf = async (id: string) => {
    const { data, errors } = await gql(hub.gatewayUrl, FREQUENCY, { id });
    expect(errors).toBeUndefined();
    const channels = data!.customer.frequency.channels as { channel: string; estimated: number }[];
    return Object.fromEntries(channels.filter((c) => c.channel.startsWith('PAID_')).map((c) => [c.channel, c.estimated]));
  };
  /** Meta's estimate for one day, as the meta-ads subgraph answers it through the gateway. */
  const metaEstimate = async (id: string, on: string) => {
    const { data, errors } = await gql(hub.gatewayUrl, META_ESTIMATE, { id, since: on, until: on });
    expect(errors).toBeUndefined();
    return data!.customer.metaAds.estimatedExposure.estimatedImpressions as number;
  };
  /** Google's estimate for one day, as the Google Ads connector computes it. */
  const googleEstimate = async (id: string, on: string) => (await hub.connectors.googleAds.estimateExposure!(id, { since: on, until: on })).estimatedImpressions;

  beforeAll(async () => {
    hub = await startTestHub({ SANDBOX_WORLD_NOW: '' });
    const placedAt = () => Date.now() - 2 * DAY_MS;
    meta = createMetaConnector(hub.config.meta, { timeoutMs: 4000 }, { audienceLedger: hub.stores.audiences, now: placedAt });
    googleAds = createGoogleAdsConnector(hub.config.googleAds, { timeoutMs: 4000 }, {
      audiences: hub.stores.audiences,
      now: placedAt,
      jobPolling: { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 5_000 },
    });
    const { data } = await gql(hub.gatewayUrl, '{ customers(first: 100) { edges { node { id identities { kind value } } } } }');
    const people: Person[] = data!.customers.edges.map((e: { node: Person }) => e.node);
    const withEmail = people.filter((p) => p.identities.some((i) => i.kind === 'EMAIL'));

    const report = await meta.audiences!.sync({
      audience: { create: { name: 'Hub: exposure feed' } },
      reason: 'segment:exposure-feed',
      candidates: withEmail.slice(0, 4).map((p) => ({ customerId: p.id, identities: p.identities, consent: { AD_USER_DATA: 'GRANTED', AD_PERSONALIZATION: 'GRANTED' } })),
    });
    audienceId = report.audienceId;
    metaPeople = report.uploaded;
    const [adSet] = await meta.client.listAdSets();
    await meta.client.targetAudience(adSet!.id, audienceId);

    // The first Meta person is on the Google list too; the others are on one platform only.
    const list = await googleAds.customerMatch!.ensureList('Hub: exposure feed');
    const onGoogle = [withEmail[0]!, ...withEmail.slice(4, 6)];
    const added = await googleAds.customerMatch!.addMembers(list, onGoogle.map((p) => ({ subject: { customerId: p.id, identities: p.identities }, consent: GRANTED })), 'segment:exposure-feed');
    googlePeople = added.customerIds;
    nobody = withEmail[10]!.id;
  });
  afterAll(async () => {
    meta?.client.close();
    await hub?.close();
  });

  it('records yesterday’s Meta and Google estimates as PAID_SOCIAL / PAID_SEARCH touches, rounded as the touch log counts them', async () => {
    expect(metaPeople).toHaveLength(4);
    expect(googlePeople).toHaveLength(3);
    const both = metaPeople[0]!;
    expect(googlePeople).toContain(both);
    await admin('meta', 'DELETE', '/calls');
    await admin('google-ads', 'DELETE', '/calls');

    const reports = await ingest().exposure.run();
    expect(reports).toEqual<ExposureRunReport[]>([
      { platform: 'meta', days: [yesterday()], customers: 4, recorded: 4 },
      { platform: 'google-ads', days: [yesterday()], customers: 3, recorded: 3 },
    ]);
    // One read per platform and day, whatever the number of people: ad sets + insights; targeting + metrics.
    const metaCalls = await admin('meta', 'GET', '/calls');
    expect(metaCalls.byRoute).toEqual({ 'GET /:version/:node/adsets': 1, 'GET /:version/:node/insights': 1 });
    expect((await admin('google-ads', 'GET', '/calls')).total).toBe(2);

    const metaDay = await metaEstimate(both, yesterday());
    const googleDay = await googleEstimate(both, yesterday());
    // A real estimate: the ad set served yesterday and the person was in its audience all day.
    expect(metaDay).toBeGreaterThan(0.5);
    expect(googleDay).toBeGreaterThan(0.5);
    expect(await estimatedOf(both)).toEqual({ PAID_SOCIAL: Math.round(metaDay), PAID_SEARCH: Math.round(googleDay) });
    for (const id of metaPeople.slice(1)) {
      expect(await estimatedOf(id)).toEqual({ PAID_SOCIAL: Math.round(await metaEstimate(id, yesterday())), PAID_SEARCH: 0 });
    }
    for (const id of googlePeople.filter((id) => id !== both)) {
      expect(await estimatedOf(id)).toEqual({ PAID_SOCIAL: 0, PAID_SEARCH: Math.round(await googleEstimate(id, yesterday())) });
    }
  });

  it('changes nothing when a day is fed again, and a longer run adds only the days the person was in an audience', async () => {
    const both = metaPeople[0]!;
    const before = await Promise.all([...metaPeople, ...googlePeople].map(estimatedOf));
    await ingest().exposure.run();
    expect(await Promise.all([...metaPeople, ...googlePeople].map(estimatedOf))).toEqual(before);

    // Placed two days ago: the day before yesterday counts too (prorated from the placement), earlier days nothing.
    const reports = await ingest().exposure.run({ days: 4 });
    expect(reports.map((r) => [r.platform, r.days.length, r.recorded, r.error])).toEqual([
      ['meta', 4, 16, undefined],
      ['google-ads', 4, 12, undefined],
    ]);
    const days = [1, 2, 3, 4].map((n) => day(Date.now() - n * DAY_MS));
    let social = 0;
    let search = 0;
    for (const on of days) {
      social += Math.round(await metaEstimate(both, on));
      search += Math.round(await googleEstimate(both, on));
    }
    expect(await estimatedOf(both)).toEqual({ PAID_SOCIAL: social, PAID_SEARCH: search });
    await ingest().exposure.run({ days: 4 });
    expect(await estimatedOf(both)).toEqual({ PAID_SOCIAL: social, PAID_SEARCH: search });
  });

  it('gives nothing to a person in no audience', async () => {
    await ingest().exposure.run();
    expect(await estimatedOf(nobody)).toEqual({ PAID_SOCIAL: 0, PAID_SEARCH: 0 });
  });

  it('reports a platform that is down and skips it, keeping its earlier touches, while the other is fed', async () => {
    const both = metaPeople[0]!;
    const before = await estimatedOf(both);
    await admin('meta', 'PUT', '/controls', { outage: true });
    try {
      const reports = await ingest().exposure.run();
      expect(reports).toEqual([
        { platform: 'meta', days: [yesterday()], customers: 4, recorded: 0, error: expect.any(String) },
        { platform: 'google-ads', days: [yesterday()], customers: 3, recorded: 3 },
      ]);
      expect(await estimatedOf(both)).toEqual(before);
    } finally {
      await admin('meta', 'PUT', '/controls', { outage: false });
    }
  });
});
