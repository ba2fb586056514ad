import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import { isVendorError, type VendorError } from '../http/errors.js';
import { createMetaAdsClient } from './client.js';
import { sha256Hex, uploadRows } from './hashing.js';
import { toDeliveryMetrics } from './mappers/to-campaign-metrics.js';

const NO_RETRY = { http: { retry: { maxAttempts: 1 } } };

describe('Meta client against the sandbox', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  afterEach(async () => meta?.close());

  it('reads every lead of every form, page by page, and leads by id 50 per call', async () => {
    meta = await startMetaSandbox({ world: generateWorld({ seed: 42, people: 500 }) });
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME);
    const expected = meta.world.people.flatMap((p) => p.meta?.leads ?? []);
    const seen: string[] = [];
    for await (const forms of client.listLeadForms()) {
      for (const form of forms) {
        let pages = 0;
        for await (const page of client.leadPages(form.id, { pageSize: 7 })) {
          pages++;
          seen.push(...page.data.map((l) => l.id));
        }
        expect(pages).toBeGreaterThan(2);
      }
    }
    expect(seen.sort()).toEqual(expected.map((l) => l.leadId).sort());

    meta.sandbox.calls.clear();
    const ids = expected.slice(0, 110).map((l) => l.leadId);
    expect(ids).toHaveLength(110);
    const leads = await client.getLeads(ids);
    expect(leads.map((l) => l.id)).toEqual(ids);
    expect(meta.calls()).toBe(3);
    expect(leads[0]!.campaign_name).toBeDefined();
  });

  it('leaves out a lead Meta no longer has without failing its batch', async () => {
    meta = await startMetaSandbox();
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME);
    const ids = meta.world.people.flatMap((p) => p.meta?.leads ?? []).map((l) => l.leadId);
    const leads = await client.getLeads([ids[0]!, '1999999999999999', ids[1]!]);
    expect(leads.map((l) => l.id)).toEqual([ids[0], ids[1]]);
  });

  it('creates an audience and adds, removes and replaces its members in batches of one session each', async () => {
    meta = await startMetaSandbox();
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { audienceBatchSize: 10 });
    const { id } = await client.createCustomAudience({ name: 'Hub: VIPs', description: 'from the hub' });
    const rows = Array.from({ length: 25 }, (_, i) => uploadRows(`cus_${i}`, [{ kind: 'EMAIL', value: `p${i}@example.com` }])[0]!);
    meta.sandbox.calls.clear();
    const added = await client.uploadUsers('add', id, rows);
    expect(added).toMatchObject({ audienceId: id, batches: 3, numReceived: 25, numInvalid: 0 });
    expect(meta.sandbox.calls.get('POST /:version/:node/users')).toBe(3);
    expect((await meta.admin('GET', `/meta/audiences/${id}/members`)).count).toBe(25);

    const removed = await client.uploadUsers('remove', id, rows.slice(0, 5));
    expect(removed.numReceived).toBe(5);
    const members = (await meta.admin('GET', `/meta/audiences/${id}/members`)).members;
    expect(members).toHaveLength(20);
    expect(members).toContainEqual({ EXTERN_ID: 'cus_5', EMAIL: sha256Hex('p5@example.com') });

    const replaced = await client.uploadUsers('replace', id, rows.slice(20));
    expect(replaced.batches).toBe(1);
    expect((await meta.admin('GET', `/meta/audiences/${id}/members`)).members.map((m: { EXTERN_ID: string }) => m.EXTERN_ID)).toEqual([
      'cus_20', 'cus_21', 'cus_22', 'cus_23', 'cus_24',
    ]);
    await expect(client.uploadUsers('replace', id, [])).rejects.toThrow(/at least one row/);
    expect(() => createMetaAdsClient(meta.connection, TEST_RUNTIME, { audienceBatchSize: 10_001 })).toThrow(/10000/);
  });

  it('reads insights by campaign and by ad set over a date range, across pages', async () => {
    meta = await startMetaSandbox({ now: () => Date.parse('2026-11-01T12:00:00Z') });
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME);
    const window = { since: '2026-10-01', until: '2026-10-31' };
    meta.sandbox.calls.clear();
    const rows = await client.insights('campaign', window, { pageSize: 1 });
    expect(meta.calls()).toBe(3);
    const metrics = rows.map((r) => toDeliveryMetrics(r, 'campaign'));
    expect(metrics.map((m) => m.id).sort()).toEqual(meta.world.campaigns.meta.map((c) => c.campaignId).sort());
    for (const m of metrics) {
      expect(m).toMatchObject({ since: '2026-10-01', until: '2026-10-31', spend: { currencyCode: 'USD' } });
      expect(m.impressions).toBeGreaterThan(m.reach);
      expect(m.frequency).toBeCloseTo(m.impressions / m.reach, 5);
    }
    const adSets = await client.insights('adset', window);
    expect(adSets.map((r) => r.adset_id).sort()).toEqual(meta.world.campaigns.meta.map((c) => c.adsetId).sort());
    await expect(client.insights('campaign', { since: '2026-10-31', until: '2026-10-01' })).rejects.toThrow(RangeError);
  });

  it('adds an audience to an ad set’s targeting, keeping the rest, and lists ad sets with it', async () => {
    meta = await startMetaSandbox();
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME);
    const { id } = await client.createCustomAudience({ name: 'Hub: retarget' });
    const adSetId = meta.world.campaigns.meta[2]!.adsetId;
    await client.targetAudience(adSetId, id);
    await client.targetAudience(adSetId, id);
    const adSet = (await client.listAdSets()).find((s) => s.id === adSetId)!;
    expect(adSet.targeting?.custom_audiences).toEqual([{ id, name: 'Hub: retarget' }]);
  });

  it('takes the Graph API version from configuration', async () => {
    meta = await startMetaSandbox();
    const v25 = createMetaAdsClient({ ...meta.connection, apiVersion: 'v25.0' }, TEST_RUNTIME);
    expect((await v25.getLeads([])).length).toBe(0);
    for await (const forms of v25.listLeadForms()) expect(forms.length).toBe(3);
    const retired = createMetaAdsClient({ ...meta.connection, apiVersion: 'v19.0' }, TEST_RUNTIME, NO_RETRY);
    const error = await drain(retired.listLeadForms()).catch((e: unknown) => e);
    expect(isVendorError(error) && error.code).toBe('UPSTREAM_BAD_REQUEST');
    expect((error as VendorError).message).toMatch(/Graph error 2635/);
  });

  it('refuses a wrong token as UPSTREAM_AUTH without retrying, and a wrong app secret as a bad request', async () => {
    meta = await startMetaSandbox();
    const stolen = createMetaAdsClient({ ...meta.connection, credential: 'stolen' }, TEST_RUNTIME);
    meta.sandbox.calls.clear();
    const error = await drain(stolen.listLeadForms()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', retryable: false, status: 400 });
    expect(String((error as Error).message)).not.toContain('stolen');
    expect(meta.calls()).toBe(1);
    const wrongSecret = createMetaAdsClient({ ...meta.connection, webhookSecret: 'other-secret' }, TEST_RUNTIME, NO_RETRY);
    expect(await drain(wrongSecret.listLeadForms()).catch((e: unknown) => (e as VendorError).code)).toBe('UPSTREAM_BAD_REQUEST');
    const noSecret = createMetaAdsClient({ ...meta.connection, webhookSecret: undefined }, TEST_RUNTIME);
    expect(await drain(noSecret.listLeadForms())).toBe(1);
  });
});

async function drain<T>(pages: AsyncGenerator<T[]>): Promise<number> {
  let n = 0;
  for await (const _ of pages) n++;
  return n;
}
