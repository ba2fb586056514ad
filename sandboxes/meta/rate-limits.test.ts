import { describe, expect, it } from 'vitest';
import { ACCOUNT, metaSandbox, PAGE } from './test-helpers.js';

const usage = (headers: Record<string, unknown>, name: string) => JSON.parse(String(headers[name]));
const OCT = { since: '2026-10-01', until: '2026-10-07' };

describe('Meta sandbox: rate limits and usage headers', () => {
  it('reports usage as JSON-string headers that rise with every call', async () => {
    const { graph } = metaSandbox({ limits: { appCallsPerHour: 100, buc: { ads_insights: { calls: 10, windowSeconds: 3600 } } } });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await graph('GET', `/${ACCOUNT}/insights`, { time_range: OCT })).headers);
    expect(seen.map((h) => usage(h, 'x-app-usage').call_count)).toEqual([1, 2, 3]);
    expect(seen.map((h) => usage(h, 'x-business-use-case-usage')['1000000001'][0])).toEqual(
      [10, 20, 30].map((call_count) => expect.objectContaining({ type: 'ads_insights', call_count, estimated_time_to_regain_access: 0 })),
    );
    const account = usage(seen[2]!, 'x-ad-account-usage');
    expect(account).toEqual({ acc_id_util_pct: expect.any(Number), reset_time_duration: expect.any(Number), ads_api_access_tier: 'standard_access' });
    expect(account.acc_id_util_pct).toBeGreaterThan(0);
    // Leadgen calls report under the page, not the ad account, and have no ad-account score.
    const leads = await graph('GET', `/${PAGE}/leadgen_forms`);
    expect(Object.keys(usage(leads.headers, 'x-business-use-case-usage'))).toEqual([PAGE]);
    expect(leads.headers['x-ad-account-usage']).toBeUndefined();
  });

  it('throttles each business use case with its own code once its budget is spent, leaving the others', async () => {
    const one = { calls: 1, windowSeconds: 3600 };
    const { graph, world } = metaSandbox({ limits: { buc: { ads_insights: one, custom_audience: one, ads_management: one, leadgen: one } } });
    const calls = [
      ['ads_insights', 80000, () => graph('GET', `/${ACCOUNT}/insights`, { time_range: OCT })],
      ['custom_audience', 80003, () => graph('GET', `/${ACCOUNT}/customaudiences`)],
      ['ads_management', 80004, () => graph('GET', `/${ACCOUNT}/adsets`)],
      ['leadgen', 80005, () => graph('GET', `/${world.campaigns.meta[0]!.formId}/leads`)],
    ] as const;
    for (const [type, code, call] of calls) {
      expect((await call()).status).toBe(200);
      const throttled = await call();
      expect(throttled.status).toBe(400);
      expect(throttled.body.error).toMatchObject({ code, error_subcode: 2446079, is_transient: true, type: 'OAuthException' });
      expect(throttled.body.error.message).toMatch(new RegExp(`^\\(#${code}\\) There have been too many`));
      const entry = Object.values(usage(throttled.headers, 'x-business-use-case-usage'))
        .flat()
        .find((e) => (e as { type: string }).type === type) as { call_count: number; estimated_time_to_regain_access: number };
      expect(entry).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 60 });
    }
  });

  it('throttles the app (code 4) and a user token (code 17), and recovers as the hour rolls on', async () => {
    const clock = { now: Date.parse('2026-11-01T12:00:00Z') };
    const app = metaSandbox({ clock, limits: { appCallsPerHour: 2 } });
    await app.graph('GET', `/${PAGE}/leadgen_forms`);
    await app.graph('GET', `/${PAGE}/leadgen_forms`);
    const refused = await app.graph('GET', `/${PAGE}/leadgen_forms`);
    expect(refused.body.error).toMatchObject({ code: 4, is_transient: true, message: '(#4) Application request limit reached' });
    expect(usage(refused.headers, 'x-app-usage').call_count).toBe(100);
    clock.now += 3_600_001;
    expect((await app.graph('GET', `/${PAGE}/leadgen_forms`)).status).toBe(200);

    const user = metaSandbox({ limits: { userCallsPerHour: 1 } });
    await user.graph('GET', `/${PAGE}/leadgen_forms`);
    expect((await user.graph('GET', `/${PAGE}/leadgen_forms`)).body.error).toMatchObject({ code: 17, error_subcode: 2446079 });
  });

  it('blocks the ad account when its score (reads 1, writes 3) passes the maximum, until the block ends', async () => {
    const clock = { now: Date.parse('2026-11-01T12:00:00Z') };
    const { graph } = metaSandbox({ clock, limits: { adAccount: { maxScore: 6, decaySeconds: 300, blockSeconds: 60 } } });
    const create = () => graph('POST', `/${ACCOUNT}/customaudiences`, { name: 'x', customer_file_source: 'USER_PROVIDED_ONLY' });
    expect(usage((await create()).headers, 'x-ad-account-usage').acc_id_util_pct).toBe(50);
    expect(usage((await create()).headers, 'x-ad-account-usage').acc_id_util_pct).toBe(100);
    const blocked = await graph('GET', `/${ACCOUNT}/insights`);
    expect(blocked.body.error).toMatchObject({ code: 613, error_subcode: 1487742, is_transient: true });
    expect(usage(blocked.headers, 'x-ad-account-usage').reset_time_duration).toBe(60);
    // Page (leadgen) calls are not ad-account calls and go through.
    expect((await graph('GET', `/${PAGE}/leadgen_forms`)).status).toBe(200);
    clock.now += 301_000;
    expect((await graph('GET', `/${ACCOUNT}/insights`)).status).toBe(200);
  });

  it('still reports usage but refuses nothing while the throttling control is off', async () => {
    const { graph, sandbox } = metaSandbox({ limits: { buc: { ads_insights: { calls: 1, windowSeconds: 3600 } } } });
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/controls', payload: { throttling: false } });
    for (let i = 0; i < 3; i++) expect((await graph('GET', `/${ACCOUNT}/insights`)).status).toBe(200);
    const last = await graph('GET', `/${ACCOUNT}/insights`);
    expect(usage(last.headers, 'x-business-use-case-usage')['1000000001'][0].call_count).toBe(100);
  });

  it('changes limits and resets usage at run time through the admin routes, refusing bad limits', async () => {
    const { graph, sandbox } = metaSandbox();
    const set = await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/meta/limits', payload: { buc: { ads_insights: { calls: 1, windowSeconds: 60 } } } });
    expect(set.json().buc.ads_insights).toEqual({ calls: 1, windowSeconds: 60 });
    expect(set.json().buc.leadgen.calls).toBeGreaterThan(1);
    await graph('GET', `/${ACCOUNT}/insights`);
    expect((await graph('GET', `/${ACCOUNT}/insights`)).body.error.code).toBe(80000);
    await sandbox.app.inject({ method: 'DELETE', url: '/__sandbox/meta/usage' });
    expect((await graph('GET', `/${ACCOUNT}/insights`)).status).toBe(200);
    const bad = await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/meta/limits', payload: { appCallsPerHour: -5 } });
    expect(bad.statusCode).toBe(400);
  });
});
