import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, metaSandbox, PAGE, TOKEN } from './test-helpers.js';

describe('Meta sandbox: lead forms and leads', () => {
  it('lists the page’s forms and pages through a form’s leads to the last page', async () => {
    const { graph, sandbox, world } = metaSandbox({ world: (await import('../demo-world/generate.js')).generateWorld({ seed: 42, people: 200 }) });
    const forms = await graph('GET', `/${PAGE}/leadgen_forms`);
    expect(forms.body.data.map((f: { id: string }) => f.id).sort()).toEqual(world.campaigns.meta.map((c) => c.formId).sort());
    const form = world.campaigns.meta[0]!.formId;
    const expected = world.people.flatMap((p) => p.meta?.leads ?? []).filter((l) => l.formId === form);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let page = (await graph('GET', `/${form}/leads`, { fields: 'id,created_time,field_data', limit: '3' })).body;
    for (;;) {
      seen.push(...page.data.map((l: { id: string }) => l.id));
      if (!page.paging?.next) break;
      expect(page.paging.next).toMatch(/^http:\/\/.+\/v26\.0\/\d+\/leads\?.*after=/);
      const url = new URL(page.paging.next);
      page = (await sandbox.app.inject({ url: `${url.pathname}${url.search}` })).json();
    }
    expect(seen.sort()).toEqual(expected.map((l) => l.leadId).sort());
  });

  it('reads a lead by id with Meta’s default fields, and up to 50 by ids', async () => {
    const { graph, world } = metaSandbox();
    const leads = world.people.flatMap((p) => p.meta?.leads ?? []);
    const lead = leads[0]!;
    const one = await graph('GET', `/${lead.leadId}`);
    expect(Object.keys(one.body).sort()).toEqual(['created_time', 'field_data', 'id']);
    expect(one.body.created_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
    expect(one.body.field_data).toContainEqual({ name: 'email', values: [lead.email] });
    const many = await graph('GET', '/', { ids: leads.slice(0, 3).map((l) => l.leadId).join(','), fields: 'id,campaign_id,ad_id,form_id' });
    expect(Object.keys(many.body)).toEqual(leads.slice(0, 3).map((l) => l.leadId));
    expect(many.body[lead.leadId]).toEqual({ id: lead.leadId, campaign_id: lead.campaignId, ad_id: lead.adId, form_id: lead.formId });
    const tooMany = await graph('GET', '/', { ids: Array.from({ length: 51 }, (_, i) => String(i)).join(',') });
    expect(tooMany.body.error.message).toMatch(/Maximum: 50/);
    const unknown = await graph('GET', '/', { ids: `${lead.leadId},999` });
    expect(unknown.body.error).toMatchObject({ code: 803, message: '(#803) Some of the aliases you requested do not exist: 999' });
    expect((await graph('GET', `/${lead.leadId}`, { fields: 'id,favourite_colour' })).body.error.message).toMatch(/nonexisting field/);
  });

  it('filters a form’s leads by time_created, as an incremental reader asks', async () => {
    const { graph, world } = metaSandbox();
    const form = world.campaigns.meta[1]!.formId;
    const all = (await graph('GET', `/${form}/leads`, { fields: 'id,created_time', limit: '100' })).body.data as { id: string; created_time: string }[];
    const pivot = Math.floor(Date.parse(all[Math.floor(all.length / 2)]!.created_time.replace('+0000', 'Z')) / 1000);
    const newer = await graph('GET', `/${form}/leads`, {
      fields: 'id,created_time',
      filtering: [{ field: 'time_created', operator: 'GREATER_THAN', value: pivot }],
    });
    expect(newer.body.data.map((l: { id: string }) => l.id)).toEqual(
      all.filter((l) => Date.parse(l.created_time.replace('+0000', 'Z')) / 1000 > pivot).map((l) => l.id),
    );
    const bad = await graph('GET', `/${form}/leads`, { filtering: [{ field: 'email', operator: 'EQUAL', value: 'x' }] });
    expect(bad.body.error.code).toBe(100);
  });

  it('refuses a missing, wrong or revoked token and a wrong appsecret_proof', async () => {
    const { graph, sandbox } = metaSandbox();
    expect((await graph('GET', `/${PAGE}/leadgen_forms`, {}, null)).body.error.code).toBe(104);
    const wrong = await graph('GET', `/${PAGE}/leadgen_forms`, {}, 'stolen-token');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    const bearer = await sandbox.app.inject({ url: `/v26.0/${PAGE}/leadgen_forms`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.statusCode).toBe(200);
    const proof = createHmac('sha256', 'sandbox-meta-app-secret').update(TOKEN).digest('hex');
    expect((await graph('GET', `/${PAGE}/leadgen_forms`, { appsecret_proof: proof })).status).toBe(200);
    expect((await graph('GET', `/${PAGE}/leadgen_forms`, { appsecret_proof: proof.slice(0, -1) + (proof.endsWith('0') ? '1' : '0') })).body.error.message).toMatch(/appsecret_proof/);
    await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/revoke-token' });
    expect((await graph('GET', `/${ACCOUNT}/insights`)).body.error).toMatchObject({ code: 190, error_subcode: 460 });
    await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/restore-token' });
    expect((await graph('GET', `/${ACCOUNT}/insights`)).status).toBe(200);
  });

  it('refuses API versions Meta no longer serves and paths it does not know', async () => {
    const { sandbox, graph } = metaSandbox();
    const old = await sandbox.app.inject({ url: `/v19.0/${PAGE}/leadgen_forms?access_token=${TOKEN}` });
    expect(old.json().error.code).toBe(2635);
    expect((await sandbox.app.inject({ url: `/v25.0/${PAGE}/leadgen_forms?access_token=${TOKEN}` })).statusCode).toBe(200);
    expect((await graph('GET', `/${ACCOUNT}/reachestimate`)).body.error).toMatchObject({ code: 2500 });
    expect((await graph('GET', '/99999')).body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });

  it('updates an ad set’s targeting with custom audiences that exist, and lists ad sets with it', async () => {
    const { graph, world } = metaSandbox();
    const adSetId = world.campaigns.meta[2]!.adsetId;
    const created = await graph('POST', `/${ACCOUNT}/customaudiences`, { name: 'Hub audience', customer_file_source: 'USER_PROVIDED_ONLY' });
    const unknown = await graph('POST', `/${adSetId}`, { targeting: { custom_audiences: [{ id: '1' }] } });
    expect(unknown.body.error.code).toBe(100);
    expect((await graph('POST', `/${adSetId}`, { targeting: { custom_audiences: [{ id: created.body.id }] } })).body).toEqual({ success: true });
    const adSets = await graph('GET', `/${ACCOUNT}/adsets`, { fields: 'id,campaign_id,targeting{custom_audiences}' });
    const target = adSets.body.data.find((s: { id: string }) => s.id === adSetId);
    expect(target.targeting.custom_audiences).toEqual([{ id: created.body.id, name: 'Hub audience' }]);
    expect(target.targeting.geo_locations).toEqual({ countries: ['US'] });
  });
});
