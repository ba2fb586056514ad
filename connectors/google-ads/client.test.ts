/**
 * The Google Ads client against the sandbox over real HTTP: GAQL paging with nextPageToken (and
 * never pageSize), campaign metrics with reach, clicks by gclid one day per call, auth refusal,
 * login-customer-id, and RESOURCE_EXHAUSTED handled by waiting Google's retryDelay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectGoogleAds, startGoogleAdsSandbox, type GoogleAdsSandboxFixture } from '../../test/support/google-ads.js';
import { isVendorError } from '../http/errors.js';
import { addDays } from './dates.js';

let fixture: GoogleAdsSandboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const TODAY = '2026-11-01';

describe('Google Ads client', () => {
  it('follows nextPageToken to the last page without ever sending pageSize', async () => {
    const bodies: unknown[] = [];
    fixture = await startGoogleAdsSandbox({ pageSize: 5, beforeListen: (app) => app.addHook('preHandler', async (request) => void bodies.push(request.body)) });
    const { client } = connectGoogleAds(fixture);
    const pages: number[] = [];
    for await (const page of client.search('test.paging', "SELECT campaign.id, segments.date FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-04'")) {
      pages.push(page.length);
    }
    expect(pages).toEqual([5, 5, 2]);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body).not.toHaveProperty('pageSize');
    expect(bodies[1]).toHaveProperty('pageToken');
  });

  it('reads every row in one searchStream call', async () => {
    fixture = await startGoogleAdsSandbox({ streamBatchSize: 4 });
    const { client } = connectGoogleAds(fixture);
    const rows = await client.searchStream('test.stream', "SELECT campaign.id, segments.date FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-04'");
    expect(rows).toHaveLength(12);
    expect(fixture.calls()).toBe(1);
  });

  it('reads campaign metrics with unique users and frequency over windows up to 92 days, and without them beyond', async () => {
    fixture = await startGoogleAdsSandbox();
    const { client } = connectGoogleAds(fixture);
    const month = await client.campaignMetrics({ since: '2026-10-01', until: '2026-10-30' });
    expect(month.map((c) => c.channel).sort()).toEqual(['DISPLAY', 'SEARCH', 'VIDEO']);
    for (const c of month) {
      expect(c.impressions).toBeGreaterThan(0);
      expect(c.spend.currencyCode).toBe('USD');
      expect(Number(c.spend.amount)).toBeCloseTo(c.costMicros / 1e6, 2);
      if (c.channel === 'SEARCH') expect(c.uniqueUsers).toBeNull();
      else expect(c.averageFrequency).toBeCloseTo(c.impressions / c.uniqueUsers!, 6);
    }
    const year = await client.campaignMetrics({ since: '2026-01-01', until: '2026-10-30' });
    expect(year.every((c) => c.uniqueUsers === null && c.averageFrequency === null)).toBe(true);
    expect(year.find((c) => c.channel === 'DISPLAY')!.impressions).toBeGreaterThan(month.find((c) => c.channel === 'DISPLAY')!.impressions);
  });

  it('finds clicks by gclid one day per call, whatever the number of gclids, within the 90-day horizon', async () => {
    fixture = await startGoogleAdsSandbox();
    const known = [...fixture.state.clicksByGclid.values()].filter((c) => c.date >= addDays(TODAY, -30) && c.date <= TODAY);
    expect(known.length).toBeGreaterThan(1);
    const { client } = connectGoogleAds(fixture);
    const rows = await client.clicksByGclid(
      [...known.map((c) => c.gclid), 'Cj0KCQunknown0000000000000'],
      { since: addDays(TODAY, -30), until: TODAY },
    );
    expect(rows.map((r) => r.clickView.gclid).sort()).toEqual(known.map((c) => c.gclid).sort());
    expect(rows.find((r) => r.clickView.gclid === known[0]!.gclid)).toMatchObject({ campaign: { id: known[0]!.campaignId }, segments: { date: known[0]!.date } });
    expect(fixture.calls()).toBe(31);
    // Older days are not asked for: Google would refuse them.
    await client.clicksByGclid([known[0]!.gclid], { since: addDays(TODAY, -200), until: addDays(TODAY, -89) });
    expect(fixture.calls()).toBe(31 + 1);
  });

  it('refuses to retry a refused token: UPSTREAM_AUTH after one call', async () => {
    fixture = await startGoogleAdsSandbox({ token: 'another-token' });
    const { client } = connectGoogleAds(fixture);
    const error = await client.campaignMetrics({ since: '2026-10-01', until: '2026-10-02' }).catch((e: unknown) => e);
    expect(isVendorError(error) && error.code).toBe('UPSTREAM_AUTH');
    expect(fixture.calls()).toBe(1);
  });

  it('sends login-customer-id from configuration (an account reached through its manager)', async () => {
    fixture = await startGoogleAdsSandbox({ requireLoginCustomerId: true });
    const without = connectGoogleAds(fixture);
    const refused = await without.client.userLists(['1']).catch((e: unknown) => e);
    expect(isVendorError(refused) && refused.code).toBe('UPSTREAM_BAD_REQUEST');
    const { client } = connectGoogleAds(fixture, {}, { GOOGLE_ADS_LOGIN_CUSTOMER_ID: '111-222-3334' });
    expect(await client.userLists([[...fixture.state.userLists.keys()][0]!])).toHaveLength(1);
  });

  it('waits the retryDelay of RESOURCE_EXHAUSTED and then succeeds', async () => {
    fixture = await startGoogleAdsSandbox({ quota: { requestsPerWindow: 1, windowMs: 1_000 } });
    const retries: { waitMs: number; reason: string }[] = [];
    const { client } = connectGoogleAds(fixture, { retry: { maxAttempts: 3 } }, {}, { onRetry: (event) => void retries.push(event) });
    await client.userLists(['1']);
    expect(await client.userLists(['1'])).toEqual([]);
    expect(fixture.calls()).toBe(3);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason).toMatch(/UPSTREAM_THROTTLED.*vendor-requested wait/);
    expect(retries[0]!.waitMs).toBeGreaterThanOrEqual(1_000);
  });

  it('reports RESOURCE_EXHAUSTED as UPSTREAM_THROTTLED with Google’s retryDelay when it will not wait', async () => {
    fixture = await startGoogleAdsSandbox({ quota: { requestsPerWindow: 1, windowMs: 60_000 }, quotaClock: () => 0 });
    const { client } = connectGoogleAds(fixture, { retry: { maxAttempts: 1 } });
    await client.userLists(['1']);
    const error = await client.userLists(['1']).catch((e: unknown) => e);
    expect(isVendorError(error) && { code: error.code, retryable: error.retryable, retryAfterMs: error.retryAfterMs }).toEqual({
      code: 'UPSTREAM_THROTTLED',
      retryable: true,
      retryAfterMs: 60_000,
    });
  });
});
