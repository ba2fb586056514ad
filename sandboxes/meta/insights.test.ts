import { describe, expect, it } from 'vitest';
import { presetRange } from './date-range.js';
import { ACCOUNT, metaSandbox } from './test-helpers.js';

const FIELDS = 'campaign_id,campaign_name,impressions,reach,frequency,spend,clicks,actions';
const OCTOBER = { since: '2026-10-01', until: '2026-10-31' };

describe('Meta sandbox: insights', () => {
  it('answers campaign rows with every number as a string, frequency = impressions / reach', async () => {
    const { graph, world } = metaSandbox();
    const { status, body } = await graph('GET', `/${ACCOUNT}/insights`, { level: 'campaign', fields: FIELDS, time_range: OCTOBER });
    expect(status).toBe(200);
    expect(body.data.map((r: { campaign_id: string }) => r.campaign_id).sort()).toEqual(world.campaigns.meta.map((c) => c.campaignId).sort());
    for (const row of body.data) {
      expect(row).toMatchObject({ date_start: '2026-10-01', date_stop: '2026-10-31' });
      for (const key of ['impressions', 'reach', 'frequency', 'spend', 'clicks']) expect(typeof row[key]).toBe('string');
      expect(row.spend).toMatch(/^\d+\.\d{2}$/);
      expect(Number(row.frequency)).toBeCloseTo(Number(row.impressions) / Number(row.reach), 5);
      expect(Number(row.reach)).toBeLessThan(Number(row.impressions));
      expect(row.actions.find((a: { action_type: string }) => a.action_type === 'link_click').value).toBe(row.clicks);
    }
  });

  it('is the same for the same seed, from any number of sandboxes, and differs for another seed', async () => {
    const a = await metaSandbox().graph('GET', `/${ACCOUNT}/insights`, { fields: 'impressions,reach,spend', time_range: OCTOBER });
    const b = await metaSandbox().graph('GET', `/${ACCOUNT}/insights`, { fields: 'impressions,reach,spend', time_range: OCTOBER });
    expect(a.body).toEqual(b.body);
    const { generateWorld } = await import('../demo-world/generate.js');
    const other = await metaSandbox({ world: generateWorld({ seed: 7, people: 40 }) }).graph('GET', `/${ACCOUNT}/insights`, {
      fields: 'impressions',
      time_range: OCTOBER,
    });
    expect(other.body.data[0].impressions).not.toBe(a.body.data[0].impressions);
  });

  it('agrees across levels and nodes: account = sum of campaigns, a campaign node = its level row', async () => {
    const { graph } = metaSandbox();
    const account = (await graph('GET', `/${ACCOUNT}/insights`, { fields: 'impressions,reach,clicks', time_range: OCTOBER })).body.data[0];
    const campaigns = (await graph('GET', `/${ACCOUNT}/insights`, { level: 'campaign', fields: 'campaign_id,impressions,reach', time_range: OCTOBER })).body.data;
    const sum = (key: string) => campaigns.reduce((n: number, r: Record<string, string>) => n + Number(r[key]), 0);
    expect(Number(account.impressions)).toBe(sum('impressions'));
    expect(Number(account.reach)).toBe(sum('reach'));
    const one = campaigns[0];
    const node = (await graph('GET', `/${one.campaign_id}/insights`, { fields: 'impressions,reach', time_range: OCTOBER })).body.data[0];
    expect(node).toMatchObject({ impressions: one.impressions, reach: one.reach });
    const adSets = (await graph('GET', `/${one.campaign_id}/insights`, { level: 'adset', fields: 'adset_id,adset_name,impressions', time_range: OCTOBER })).body.data;
    expect(adSets).toHaveLength(1);
    expect(adSets[0].impressions).toBe(one.impressions);
    const viaAdSet = (await graph('GET', `/${adSets[0].adset_id}/insights`, { fields: 'impressions', time_range: OCTOBER })).body.data[0];
    expect(viaAdSet.impressions).toBe(one.impressions);
  });

  it('makes reach sub-additive across days, so frequency grows with the window', async () => {
    const { graph } = metaSandbox();
    const daily = await graph('GET', `/${ACCOUNT}/insights`, { fields: 'impressions,reach', time_range: OCTOBER, time_increment: '1', limit: '10' });
    expect(daily.body.data).toHaveLength(10);
    expect(daily.body.data[0]).toMatchObject({ date_start: '2026-10-01', date_stop: '2026-10-01' });
    // Page to the last day through paging.next.
    const rows = [...daily.body.data];
    let next: string | undefined = daily.body.paging.next;
    const { sandbox } = metaSandbox();
    while (next) {
      const url = new URL(next);
      const page = (await sandbox.app.inject({ url: `${url.pathname}${url.search}` })).json();
      rows.push(...page.data);
      next = page.paging?.next;
    }
    expect(rows).toHaveLength(31);
    expect(rows.at(-1)).toMatchObject({ date_start: '2026-10-31' });
    const month = (await graph('GET', `/${ACCOUNT}/insights`, { fields: 'impressions,reach,frequency', time_range: OCTOBER })).body.data[0];
    expect(rows.reduce((n, r) => n + Number(r.impressions), 0)).toBe(Number(month.impressions));
    expect(Number(month.reach)).toBeLessThan(rows.reduce((n, r) => n + Number(r.reach), 0));
    const week = (await graph('GET', `/${ACCOUNT}/insights`, { fields: 'frequency', time_range: { since: '2026-10-01', until: '2026-10-07' } })).body.data[0];
    expect(Number(month.frequency)).toBeGreaterThan(Number(week.frequency));
  });

  it('counts the page’s leads as lead actions of their campaign and day', async () => {
    const { graph, world } = metaSandbox();
    const leads = world.people.flatMap((p) => p.meta?.leads ?? []);
    const lead = leads[0]!;
    const day = lead.createdTime.slice(0, 10);
    const sameDay = leads.filter((l) => l.campaignId === lead.campaignId && l.createdTime.startsWith(day)).length;
    const row = (await graph('GET', `/${lead.campaignId}/insights`, { fields: 'actions', time_range: { since: day, until: day } })).body.data[0];
    expect(row.actions).toContainEqual({ action_type: 'lead', value: String(sameDay) });
  });

  it('resolves date presets against the sandbox clock (last_Nd ends yesterday), defaulting to last_30d', async () => {
    const { graph } = metaSandbox();
    const preset = await graph('GET', `/${ACCOUNT}/insights`, { date_preset: 'last_7d' });
    expect(preset.body.data[0]).toMatchObject({ date_start: '2026-10-25', date_stop: '2026-10-31' });
    expect(Object.keys(preset.body.data[0]).sort()).toEqual(['date_start', 'date_stop', 'impressions', 'spend']);
    const byDefault = await graph('GET', `/${ACCOUNT}/insights`);
    expect(byDefault.body.data[0]).toMatchObject({ date_start: '2026-10-02', date_stop: '2026-10-31' });
    expect(presetRange('last_month', '2026-11-01')).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    expect(presetRange('last_quarter', '2026-11-01')).toEqual({ since: '2026-07-01', until: '2026-09-30' });
    expect(presetRange('this_week_mon_today', '2026-11-01')).toEqual({ since: '2026-10-26', until: '2026-11-01' });
    expect(presetRange('last_week_sun_sat', '2026-11-01')).toEqual({ since: '2026-10-25', until: '2026-10-31' });
  });

  it('answers no rows for a window without delivery, and refuses bad parameters', async () => {
    const { graph } = metaSandbox();
    expect((await graph('GET', `/${ACCOUNT}/insights`, { time_range: { since: '2026-12-01', until: '2026-12-31' } })).body).toEqual({ data: [] });
    const errors = [
      [{ fields: 'impressions,secret_sauce' }, 100, /fields\[1\]/],
      [{ level: 'planet' }, 100, /level/],
      [{ date_preset: 'last_century' }, 100, /date_preset/],
      [{ time_range: { since: '2026-10-31', until: '2026-10-01' } }, 100, /since/],
      [{ time_range: { since: '2026-13-01', until: '2026-12-01' } }, 100, /YYYY-MM-DD/],
      [{ time_range: { since: '2022-01-01', until: '2022-01-31' } }, 3018, /37 months/],
    ] as const;
    for (const [params, code, message] of errors) {
      const { status, body } = await graph('GET', `/${ACCOUNT}/insights`, params);
      expect(status).toBe(400);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
    }
    expect((await graph('GET', '/1234/insights')).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
