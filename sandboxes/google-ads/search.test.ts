/**
 * GoogleAdsService over HTTP: proto3 JSON rows, fixed pages with nextPageToken to the last page,
 * searchStream's JSON array, GAQL validation, the click_view single-day rule and reach metrics.
 */
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../demo-world/generate.js';
import { addDays } from './gaql-dates.js';
import { firstError, googleAdsFixture } from './test-fixture.js';

const TODAY = '2026-11-01'; // the demo world's clock

describe('googleAds:search', () => {
  it('answers rows in proto3 JSON: nested lowerCamelCase, int64 as strings, doubles as numbers, enums by name', async () => {
    const { search } = googleAdsFixture();
    const { status, body } = await search(
      'SELECT campaign.id, campaign.name, campaign.advertising_channel_type, metrics.impressions, metrics.cost_micros, metrics.conversions, ' +
        'metrics.average_impression_frequency_per_user FROM campaign WHERE segments.date DURING LAST_7_DAYS ORDER BY campaign.name',
    );
    expect(status).toBe(200);
    expect(body.fieldMask).toBe(
      'campaign.id,campaign.name,campaign.advertisingChannelType,metrics.impressions,metrics.costMicros,metrics.conversions,metrics.averageImpressionFrequencyPerUser',
    );
    expect(body.results.map((r: { campaign: { name: string } }) => r.campaign.name)).toEqual(['Brand search', 'Display remarketing', 'YouTube awareness']);
    const display = body.results[1];
    expect(display.campaign).toEqual({
      resourceName: `customers/1234567890/campaigns/${display.campaign.id}`,
      id: expect.stringMatching(/^[1-9]\d*$/),
      name: 'Display remarketing',
      advertisingChannelType: 'DISPLAY',
    });
    expect(display.metrics.impressions).toMatch(/^\d+$/);
    expect(display.metrics.costMicros).toMatch(/^\d+$/);
    expect(typeof display.metrics.conversions).toBe('number');
    expect(typeof display.metrics.averageImpressionFrequencyPerUser).toBe('number');
    expect(body.nextPageToken).toBeUndefined();
  });

  it('pages with nextPageToken to the last page, which has none, and refuses a token of another query', async () => {
    const { search } = googleAdsFixture({ pageSize: 4 });
    const query = "SELECT campaign.id, segments.date, metrics.impressions FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-03'";
    const pages = [];
    let pageToken: string | undefined;
    do {
      const { status, body } = await search(query, pageToken ? { pageToken, searchSettings: { returnTotalResultsCount: true } } : {});
      expect(status).toBe(200);
      pages.push(body);
      pageToken = body.nextPageToken;
    } while (pageToken);
    expect(pages.map((p) => p.results.length)).toEqual([4, 4, 1]);
    expect(pages.at(-1).totalResultsCount).toBe('9');
    const keys = pages.flatMap((p) => p.results.map((r: { campaign: { id: string }; segments: { date: string } }) => `${r.campaign.id}:${r.segments.date}`));
    expect(new Set(keys).size).toBe(9);

    const first = await search(query);
    const other = await search('SELECT campaign.id FROM campaign', { pageToken: first.body.nextPageToken });
    expect(other.status).toBe(400);
    expect(firstError(other.body).errorCode).toEqual({ requestError: 'INVALID_PAGE_TOKEN' });
  });

  it('refuses pageSize with PAGE_SIZE_NOT_SUPPORTED (pages are fixed at 10,000 rows)', async () => {
    const { search } = googleAdsFixture();
    const { status, body } = await search('SELECT campaign.id FROM campaign', { pageSize: 100 });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.details[0]['@type']).toBe('type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure');
    expect(firstError(body).errorCode).toEqual({ requestError: 'PAGE_SIZE_NOT_SUPPORTED' });
  });

  it.each([
    ['SELECT campaign.idd FROM campaign', 'UNRECOGNIZED_FIELD'],
    ['SELECT campaign.id FROM ad_group_ad', 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE'],
    ['SELECT user_list.id, metrics.impressions FROM user_list', 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE'],
    ['SELECT click_view.gclid FROM campaign', 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'],
    ['SELECT campaign.id, segments.date FROM campaign', 'EXPECTED_FILTERS_ON_DATE_RANGE'],
    ['SELECT campaign.id FROM campaign WHERE segments.date DURING LAST_9_DAYS', 'INVALID_VALUE_WITH_DURING_OPERATOR'],
  ])('refuses %j with queryError %s', async (query, code) => {
    const { search } = googleAdsFixture();
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(firstError(body).errorCode).toEqual({ queryError: code });
  });

  it('filters, orders and limits', async () => {
    const { search } = googleAdsFixture();
    const { body } = await search(
      "SELECT campaign.name, metrics.clicks FROM campaign WHERE campaign.advertising_channel_type != 'SEARCH' AND segments.date = '2026-10-15' ORDER BY metrics.clicks DESC LIMIT 1",
    );
    expect(body.results).toHaveLength(1);
    const all = await search("SELECT campaign.name, metrics.clicks FROM campaign WHERE campaign.advertising_channel_type IN ('DISPLAY', 'VIDEO') AND segments.date = '2026-10-15'");
    const top = Math.max(...all.body.results.map((r: { metrics: { clicks: string } }) => Number(r.metrics.clicks)));
    expect(Number(body.results[0].metrics.clicks)).toBe(top);
  });

  it('generates the same metrics from the same seed, and different ones from another seed', async () => {
    const query = "SELECT campaign.id, metrics.impressions, metrics.cost_micros FROM campaign WHERE segments.date BETWEEN '2026-09-01' AND '2026-09-30'";
    const a = await googleAdsFixture().search(query);
    const b = await googleAdsFixture().search(query);
    expect(a.body.results).toEqual(b.body.results);
    const other = await googleAdsFixture({}, generateWorld({ seed: 7, people: 40 })).search(query);
    expect(other.body.results.map((r: { metrics: unknown }) => r.metrics)).not.toEqual(a.body.results.map((r: { metrics: unknown }) => r.metrics));
  });
});

describe('googleAds:searchStream', () => {
  it('answers a JSON array of batches holding every row', async () => {
    const { stream } = googleAdsFixture({ streamBatchSize: 4 });
    const { status, body } = await stream("SELECT campaign.id, segments.date FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-03'");
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((b: { results: unknown[] }) => b.results.length)).toEqual([4, 4, 1]);
    expect(body[0]).toMatchObject({ fieldMask: 'campaign.id,segments.date', requestId: expect.any(String) });
  });

  it('answers errors as an array of error objects', async () => {
    const { stream } = googleAdsFixture();
    const { status, body } = await stream('SELECT nothing.here FROM campaign');
    expect(status).toBe(400);
    expect(body).toHaveLength(1);
    expect(firstError(body).errorCode).toEqual({ queryError: 'UNRECOGNIZED_FIELD' });
  });
});

describe('click_view', () => {
  const dayWithKnownClick = (fixture: ReturnType<typeof googleAdsFixture>) =>
    [...fixture.state.knownClicksByDay.entries()].filter(([day]) => day >= addDays(TODAY, -90) && day <= TODAY).sort()[0]!;

  it("lists every click of the day with its gclid: the demo people's and anonymous ones, as many as metrics.clicks", async () => {
    const fixture = googleAdsFixture();
    const [day, known] = dayWithKnownClick(fixture);
    const { status, body } = await fixture.search(
      `SELECT click_view.gclid, click_view.ad_group_ad, campaign.id, ad_group.id, segments.date, metrics.clicks FROM click_view WHERE segments.date = '${day}'`,
    );
    expect(status).toBe(200);
    const gclids = body.results.map((r: { clickView: { gclid: string } }) => r.clickView.gclid);
    for (const click of known) expect(gclids).toContain(click.gclid);
    expect(gclids.length).toBeGreaterThan(known.length);
    const row = body.results.find((r: { clickView: { gclid: string } }) => r.clickView.gclid === known[0]!.gclid);
    expect(row).toMatchObject({
      clickView: { resourceName: `customers/1234567890/clickViews/${day}~${known[0]!.gclid}`, gclid: known[0]!.gclid },
      campaign: { id: known[0]!.campaignId },
      adGroup: { id: known[0]!.adGroupId },
      segments: { date: day },
      metrics: { clicks: '1' },
    });
    const metrics = await fixture.search(`SELECT campaign.id, metrics.clicks FROM campaign WHERE segments.date = '${day}'`);
    const total = metrics.body.results.reduce((n: number, r: { metrics: { clicks: string } }) => n + Number(r.metrics.clicks), 0);
    expect(gclids).toHaveLength(total);
  });

  it('finds one click by gclid within its day', async () => {
    const fixture = googleAdsFixture();
    const [day, [click]] = dayWithKnownClick(fixture);
    const { body } = await fixture.search(`SELECT click_view.gclid, campaign.id FROM click_view WHERE segments.date = '${day}' AND click_view.gclid = '${click!.gclid}'`);
    expect(body.results).toHaveLength(1);
  });

  it('requires a single-day filter within the last 90 days', async () => {
    const { search } = googleAdsFixture();
    const none = await search('SELECT click_view.gclid FROM click_view');
    expect(firstError(none.body).errorCode).toEqual({ queryError: 'EXPECTED_FILTERS_ON_DATE_RANGE' });
    const week = await search('SELECT click_view.gclid FROM click_view WHERE segments.date DURING LAST_7_DAYS');
    expect(firstError(week.body).errorCode).toEqual({ queryError: 'DATE_RANGE_TOO_WIDE' });
    const old = await search(`SELECT click_view.gclid FROM click_view WHERE segments.date = '${addDays(TODAY, -91)}'`);
    expect(firstError(old.body).errorCode).toEqual({ queryError: 'DATE_RANGE_TOO_WIDE' });
    const oldest = await search(`SELECT click_view.gclid FROM click_view WHERE segments.date = '${addDays(TODAY, -90)}'`);
    expect(oldest.status).toBe(200);
  });
});

describe('reach metrics', () => {
  const reachQuery = (range: string, extra = '') =>
    `SELECT campaign.name, metrics.impressions, metrics.unique_users, metrics.average_impression_frequency_per_user${extra} FROM campaign WHERE ${range}`;

  it('reports unique users and frequency for Display and Video, not for Search', async () => {
    const { search } = googleAdsFixture();
    const { body } = await search(reachQuery('segments.date DURING LAST_30_DAYS'));
    const byName = Object.fromEntries(body.results.map((r: { campaign: { name: string }; metrics: unknown }) => [r.campaign.name, r.metrics]));
    expect(byName['Brand search'].uniqueUsers).toBeUndefined();
    expect(byName['Brand search'].averageImpressionFrequencyPerUser).toBeUndefined();
    for (const name of ['Display remarketing', 'YouTube awareness']) {
      const m = byName[name];
      expect(Number(m.uniqueUsers)).toBeGreaterThan(0);
      expect(Number(m.uniqueUsers)).toBeLessThanOrEqual(Number(m.impressions));
      expect(m.averageImpressionFrequencyPerUser).toBeCloseTo(Number(m.impressions) / Number(m.uniqueUsers), 10);
    }
  });

  it('is non-additive: the days of a range reach more users in sum than the range does', async () => {
    const { search } = googleAdsFixture();
    const range = "segments.date BETWEEN '2026-10-01' AND '2026-10-14' AND campaign.advertising_channel_type = 'DISPLAY'";
    const whole = await search(reachQuery(range));
    const daily = await search(reachQuery(range, ', segments.date'));
    expect(daily.body.results).toHaveLength(14);
    const sum = daily.body.results.reduce((n: number, r: { metrics: { uniqueUsers: string } }) => n + Number(r.metrics.uniqueUsers), 0);
    const impressions = daily.body.results.reduce((n: number, r: { metrics: { impressions: string } }) => n + Number(r.metrics.impressions), 0);
    expect(Number(whole.body.results[0].metrics.impressions)).toBe(impressions);
    expect(Number(whole.body.results[0].metrics.uniqueUsers)).toBeLessThan(sum);
  });

  it('refuses ranges over 92 days and open ranges', async () => {
    const { search } = googleAdsFixture();
    const wide = await search(reachQuery("segments.date BETWEEN '2026-07-01' AND '2026-10-01'"));
    expect(firstError(wide.body).errorCode).toEqual({ queryError: 'DATE_RANGE_TOO_WIDE' });
    const open = await search('SELECT campaign.id, metrics.unique_users FROM campaign');
    expect(firstError(open.body).errorCode).toEqual({ queryError: 'EXPECTED_FILTERS_ON_DATE_RANGE' });
    const ok = await search(reachQuery("segments.date BETWEEN '2026-07-02' AND '2026-10-01'"));
    expect(ok.status).toBe(200);
  });
});
