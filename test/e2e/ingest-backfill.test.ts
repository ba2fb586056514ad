/**
 * The backfill command against the sandboxes of a running hub: it reports progress per vendor,
 * resumes after being stopped, and yields the same people and events the webhooks gave for the
 * same records (the webhook and sync mappers of each connector must agree).
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { Identity } from '../../connectors/unified/identity.js';
import { runBackfillCli } from '../../ingest/backfill-cli.js';
import { createCheckpointStores } from '../../ingest/checkpoints/checkpoint-store.js';
import { createStoreApplier } from '../../ingest/store-applier.js';
import { createStores, type Stores } from '../../profile/store/create-stores.js';
import { startTestHub } from '../support/hub.js';
import { ingestOf, sandboxAdmin } from '../support/ingest.js';
import { gatewayTimeline, readTimelineFrom } from '../support/timeline.js';
import { waitFor } from '../support/wait-for.js';

const VENDORS = ['hubspot', 'shopify', 'klaviyo', 'meta'] as const;

describe('npm run backfill', () => {
  let hub: RunningHub;
  const people: Identity[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
    // What the webhooks say: a few things happen at each vendor; ingest applies their webhooks.
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'bf.shop@mail.example', firstName: 'Bea' });
    await sandboxAdmin(hub, 'shopify', 'POST', '/actions/orders', { customerId: created.body.customerId });
    people.push({ kind: 'SHOPIFY', value: created.body.customerId });
    const contact = await sandboxAdmin(hub, 'hubspot', 'POST', '/actions/contacts', { email: 'bf.crm@mail.example', firstname: 'Ben' });
    await sandboxAdmin(hub, 'hubspot', 'POST', `/actions/contacts/${contact.body.record.id}/sales-emails`, { subject: 'Follow-up' });
    people.push({ kind: 'HUBSPOT', value: String(contact.body.record.id) });
    const lead = await sandboxAdmin(hub, 'meta', 'POST', '/actions/submit-lead', { email: 'bf.lead@mail.example', fullName: 'Lea Lead' });
    people.push({ kind: 'META_LEAD', value: String(lead.body.lead.id) });
    const [profile] = (await hub.connectors.klaviyo.client.listProfiles({ pageSize: 1 }).next()).value!;
    await sandboxAdmin(hub, 'klaviyo', 'POST', '/actions/send-email', { profileId: profile!.id });
    people.push({ kind: 'KLAVIYO', value: profile!.id });
    await waitFor(async () => {
      const c = await ingestOf(hub).queue.counts();
      return c.waiting + c.active + c.delayed === 0 && c.failed === 0;
    }, { what: 'every webhook applied' });
  });
  afterAll(async () => hub?.close());

  /** Backfills the hub's vendors into a fresh memory store, as `npm run backfill` does. */
  async function backfill(into: Stores, checkpoints = createCheckpointStores(undefined)('backfill'), signal?: AbortSignal) {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const apply = createStoreApplier(into);
    const result = await runBackfillCli({ vendors: [...VENDORS], restart: false }, { connectors: hub.connectors, checkpoints, apply, signal, output, notTTYScheduleMs: 20 });
    return { result, text };
  }

  it('reports per-vendor progress with counts and rate, and yields the people and events the webhooks gave', async () => {
    const store = createStores({ redis: undefined });
    const { result, text } = await backfill(store);
    expect(result.complete).toBe(true);
    for (const vendor of VENDORS) {
      const report = result.vendors.find((v) => v.vendor === vendor)!;
      expect(report.records).toBeGreaterThan(0);
      expect(text).toMatch(new RegExp(`${vendor}\\s*\\| ${report.records} records \\| [\\d.]+ records/s \\| done`));
    }

    for (const identity of people) {
      const viaWebhooks = await hub.stores.identities.findCustomerId(identity);
      const viaBackfill = await store.identities.findCustomerId(identity);
      expect(viaWebhooks, `${identity.kind} known through webhooks`).toBeDefined();
      expect(viaBackfill, `the same customer id for ${identity.kind}`).toBe(viaWebhooks);
      const webhookProfile = await hub.stores.identities.getCustomer(viaWebhooks!);
      const backfillProfile = await store.identities.getCustomer(viaBackfill!);
      expect(backfillProfile!.identities, `the identities of ${identity.kind}`).toEqual(expect.arrayContaining(webhookProfile!.identities));
      const webhookEvents = await readTimelineFrom(hub.stores.timeline, viaWebhooks!);
      const backfillEvents = await readTimelineFrom(store.timeline, viaBackfill!);
      expect(webhookEvents.length).toBeGreaterThan(0);
      for (const event of webhookEvents) expect(backfillEvents, `${event.id} from the backfill`).toContainEqual(event);
    }
  });

  it('stopped after its first page, it resumes on the next run and ends with what one run gives', async () => {
    const once = createStores({ redis: undefined });
    await backfill(once);

    const resumed = createStores({ redis: undefined });
    const checkpoints = createCheckpointStores(undefined)('backfill');
    const controller = new AbortController();
    const apply = createStoreApplier(resumed);
    const first = await runBackfillCli(
      { vendors: ['shopify', 'klaviyo'], restart: false },
      // Stop as soon as the first page is applied.
      { connectors: hub.connectors, checkpoints, apply: async (batch) => { const r = await apply(batch); controller.abort(); return r; }, signal: controller.signal, output: new PassThrough() },
    );
    expect(first.complete).toBe(false);
    expect(first.vendors.some((v) => v.interrupted)).toBe(true);
    const second = await backfill(resumed, checkpoints);
    expect(second.result.complete).toBe(true);
    // Resuming read less than a full run of the stopped vendors.
    expect(second.text).toMatch(/done earlier|records/);

    expect(await resumed.identities.countCustomers()).toBe(await once.identities.countCustomers());
    const page = await once.identities.listCustomers(1000);
    for (const customer of page.customers) {
      expect(await readTimelineFrom(resumed.timeline, customer.id)).toEqual(await readTimelineFrom(once.timeline, customer.id));
    }
  });
});

describe('the start-up backfill (INGEST_STARTUP_BACKFILL=full, as npm start runs it)', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'full' });
  });
  afterAll(async () => hub?.close());

  it('fills the timeline from every vendor but Google Ads (left to the scheduler) before the hub answers', async () => {
    const reports = ingestOf(hub).backfill as { vendor: string; error?: string; stopped?: boolean }[];
    expect(reports.map((r) => r.vendor).sort()).toEqual(['hubspot', 'klaviyo', 'meta', 'shopify']);
    expect(reports.filter((r) => r.error || r.stopped)).toEqual([]);
    // The README's person: known to HubSpot, Shopify and Klaviyo, each with events on the timeline.
    const found = await gatewayTimeline(hub, 'sam.silva1@mail.example');
    expect(new Set(found!.events.map((e) => e.source))).toEqual(new Set(['HUBSPOT', 'SHOPIFY', 'KLAVIYO', 'META']));
  });
});
