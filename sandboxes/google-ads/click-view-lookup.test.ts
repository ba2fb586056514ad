/**
 * click_view keeps each campaign's clicks of a day once generated (traffic.ts) and builds rows only
 * for the gclids a `click_view.gclid = / IN` condition asks for (rows.ts): these tests check that a
 * click added through the admin action is found afterwards, and that a gclid lookup answers what
 * filtering the whole day answers.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from './gaql-dates.js';
import { googleAdsFixture } from './test-fixture.js';

const TODAY = '2026-11-01'; // the demo world's clock
const SELECT = 'SELECT click_view.gclid, click_view.ad_group_ad, campaign.id, ad_group.id, segments.date, metrics.clicks FROM click_view';

type Row = { clickView: { gclid: string } };

describe('click_view lookups by gclid', () => {
  it('finds a click added by the admin action on a day already read, by its gclid and in the whole day', async () => {
    const fixture = googleAdsFixture();
    const day = addDays(TODAY, -3);
    const before = await fixture.search(`${SELECT} WHERE segments.date = '${day}'`);
    const gclid = 'Cj0KCQindexTestClick000000000000000001';
    expect((await fixture.search(`${SELECT} WHERE segments.date = '${day}' AND click_view.gclid = '${gclid}'`)).body.results ?? []).toEqual([]);

    const campaign = fixture.state.campaigns[1]!;
    const added = await fixture.sandbox.app.inject({
      method: 'POST',
      url: '/__sandbox/actions/click',
      payload: { gclid, campaignId: campaign.id, clickedAt: `${day}T12:00:00.000Z` },
    });
    expect(added.statusCode).toBe(201);

    const found = await fixture.search(`${SELECT} WHERE segments.date = '${day}' AND click_view.gclid IN ('${gclid}', 'Cj0KCQnobody')`);
    expect(found.body.results).toHaveLength(1);
    expect(found.body.results[0]).toMatchObject({ clickView: { gclid }, campaign: { id: campaign.id }, segments: { date: day } });

    const after = await fixture.search(`${SELECT} WHERE segments.date = '${day}'`);
    const gclids = after.body.results.map((r: Row) => r.clickView.gclid);
    expect(gclids).toContain(gclid);
    const metrics = await fixture.search(`SELECT campaign.id, metrics.clicks FROM campaign WHERE segments.date = '${day}'`);
    const total = metrics.body.results.reduce((n: number, r: { metrics: { clicks: string } }) => n + Number(r.metrics.clicks), 0);
    expect(gclids).toHaveLength(total);
    expect(before.body.results.length).toBeLessThanOrEqual(after.body.results.length);
  });

  it('answers a gclid IN lookup with the rows, in the order, that filtering the whole day gives', async () => {
    const fixture = googleAdsFixture();
    const day = addDays(TODAY, -5);
    const all = (await fixture.search(`${SELECT} WHERE segments.date = '${day}'`)).body.results as Row[];
    const picked = [all[all.length - 1]!, all[0]!, all[Math.floor(all.length / 2)]!].map((r) => r.clickView.gclid);
    const lookedUp = await fixture.search(`${SELECT} WHERE segments.date = '${day}' AND click_view.gclid IN (${picked.map((g) => `'${g}'`).join(', ')})`);
    expect(lookedUp.body.results).toEqual(all.filter((r) => picked.includes(r.clickView.gclid)));
    // Another day does not hold them.
    const elsewhere = await fixture.search(`${SELECT} WHERE segments.date = '${addDays(day, -1)}' AND click_view.gclid IN ('${picked[0]}')`);
    expect(elsewhere.body.results ?? []).toEqual([]);
  });
});
