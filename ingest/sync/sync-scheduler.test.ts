/**
 * The sync scheduler against a running hub's sandboxes: each run resumes from the checkpoint the
 * last one saved, one run per vendor at a time, and closing stops it cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { createLogger } from '../../platform/logger.js';
import { startTestHub } from '../../test/support/hub.js';
import { ingestOf, sandboxAdmin } from '../../test/support/ingest.js';
import { waitFor } from '../../test/support/wait-for.js';
import { SyncScheduler } from './sync-scheduler.js';
import { vendorSyncsOf } from './vendor-syncs.js';

describe('sync scheduler', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ INGEST_STARTUP_BACKFILL: 'off' });
  });
  afterAll(async () => hub?.close());

  const recordsOf = (report: Awaited<ReturnType<SyncScheduler['run']>>, stream: string) => report.streams.find((s) => s.stream === stream)?.records;

  it('reads everything on its first run, then resumes from its checkpoint and picks up what changed', async () => {
    const ingest = ingestOf(hub);
    const first = await ingest.scheduler.run('shopify');
    expect(first.error).toBeUndefined();
    const everyone = recordsOf(first, 'customers')!;
    expect(everyone).toBeGreaterThan(5);
    expect(await ingest.checkpoints('sync').get('shopify:sync:customers')).toBeDefined();

    // A customer created while no webhook reaches ingest: only the sync can bring them in.
    const target = (await sandboxAdmin(hub, 'shopify', 'GET', '/webhooks')).body.target as string;
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target: null });
    const created = await sandboxAdmin(hub, 'shopify', 'POST', '/actions/customers', { email: 'sync.only@mail.example' });
    await sandboxAdmin(hub, 'shopify', 'PUT', '/webhooks/target', { target });
    expect(await hub.stores.identities.findCustomerId({ kind: 'SHOPIFY', value: created.body.customerId })).toBeUndefined();

    const second = await ingest.scheduler.run('shopify');
    expect(second.error).toBeUndefined();
    // From the checkpoint (less the lookback): the new customer, not the whole store again.
    expect(recordsOf(second, 'customers')).toBeLessThan(everyone);
    expect(recordsOf(second, 'customers')).toBeGreaterThanOrEqual(1);
    const customerId = await hub.stores.identities.findCustomerId({ kind: 'SHOPIFY', value: created.body.customerId });
    expect(customerId).toBeDefined();
    const timeline = await hub.stores.timeline.page(customerId!, { first: 10 });
    expect(timeline.edges.map((e) => e.node.type)).toContain('PROFILE_CREATED');
  });

  it('runs one sync per vendor at a time: a second request joins the running one', async () => {
    const ingest = ingestOf(hub);
    const a = ingest.scheduler.run('klaviyo');
    const b = ingest.scheduler.run('klaviyo');
    expect(b).toBe(a);
    expect((await a).error).toBeUndefined();
    expect(ingest.scheduler.run('klaviyo')).not.toBe(a);
  });

  it('ticks on its interval and stops cleanly on close', async () => {
    const ingest = ingestOf(hub);
    const checkpoints = ingest.checkpoints('backfill'); // a namespace the hub's own scheduler does not use
    await checkpoints.clear();
    const scheduler = new SyncScheduler({
      syncs: vendorSyncsOf(hub.connectors, ['meta', 'klaviyo']),
      checkpoints,
      apply: ingest.apply,
      intervalMs: 20,
      logger: createLogger('test', 'silent'),
    });
    scheduler.start();
    await waitFor(async () => (await checkpoints.get('klaviyo:events')) !== undefined, { what: 'a first tick' });
    await scheduler.close();
    // Closed: a tick asked for runs nothing, and no timer is left to fire one.
    await checkpoints.clear();
    expect((await scheduler.tick()).map((r) => r.error)).toEqual(['the scheduler is closed', 'the scheduler is closed']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await checkpoints.get('klaviyo:events')).toBeUndefined();
  });
});
