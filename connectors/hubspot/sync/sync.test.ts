/**
 * The HubSpot incremental sync against the sandbox: every stream to the end, a checkpoint per
 * page, resume after a crash, no record lost to the search cap, to a crowded instant or to an
 * update during the run, and the lookback that catches records the search index showed late.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../../test/support/hubspot-sandbox.js';
import { mergeBatches, type UnifiedBatch } from '../../unified/batch.js';
import type { CheckpointStore, SyncRunOptions } from '../../unified/contracts.js';
import { createHubSpotClient, type HubSpotClient } from '../client.js';
import { createMarketingSubscriptionsReader } from '../marketing-subscriptions.js';
import { createHubSpotSync, type HubSpotSyncOptions } from './sync.js';

let hubspot: RunningHubSpotSandbox;
let client: HubSpotClient;
afterEach(async () => {
  client?.close();
  await hubspot?.close();
});

class MemoryCheckpoints implements CheckpointStore {
  readonly values = new Map<string, string>();
  readonly writes: [string, string][] = [];
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
    this.writes.push([key, value]);
  }
}

async function setUp(sandbox: Parameters<typeof startHubSpotSandbox>[0] = {}, sync: Partial<HubSpotSyncOptions> = {}) {
  hubspot = await startHubSpotSandbox({ rateLimits: { searchPerSecond: 1000 }, ...sandbox });
  client = createHubSpotClient(hubspot.connection, testRuntime(), { breaker: false });
  return createHubSpotSync({ client, marketing: createMarketingSubscriptionsReader(client), pageSize: 7, lookbackMs: 0, ...sync });
}

function collector() {
  const batches: UnifiedBatch[] = [];
  return { batches, sink: async (b: UnifiedBatch) => void batches.push(b), all: () => mergeBatches(batches) };
}

const contactIds = () => [...hubspot.sandbox.state.objects.contacts.all()].map((c) => c.id).sort();
const observedIds = (batch: UnifiedBatch) => [...new Set(batch.observations.map((o) => o.sourceRecordId))].sort();

describe('HubSpot sync', () => {
  it('reads every stream to the end, page by page, saving a checkpoint after each page', async () => {
    const sync = await setUp();
    const checkpoints = new MemoryCheckpoints();
    const out = collector();
    const progress = await sync.run({ checkpoints, sink: out.sink });
    const { state } = hubspot.sandbox;
    expect(progress).toEqual([
      { vendor: 'hubspot', stream: 'contacts', records: state.objects.contacts.size },
      { vendor: 'hubspot', stream: 'deals', records: state.objects.deals.size },
      { vendor: 'hubspot', stream: 'emails', records: state.objects.emails.size },
      { vendor: 'hubspot', stream: 'calls', records: state.objects.calls.size },
      { vendor: 'hubspot', stream: 'notes', records: state.objects.notes.size },
    ]);
    const batch = out.all();
    expect(observedIds(batch)).toEqual(contactIds());
    const types = new Set(batch.events.map((e) => e.type));
    expect(types).toEqual(new Set(['PROFILE_CREATED', 'LIFECYCLE_STAGE_CHANGED', 'DEAL_STAGE_CHANGED', 'SALES_EMAIL', 'SALES_CALL', 'SALES_NOTE']));
    // One creation per contact, as the contact.creation webhook gives it.
    expect(batch.events.filter((e) => e.type === 'PROFILE_CREATED')).toHaveLength(state.objects.contacts.size);
    expect(batch.events.filter((e) => e.type === 'SALES_EMAIL')).toHaveLength(state.objects.emails.size);
    const subscribed = hubspot.world.people.filter((p) => p.hubspot && p.consent.email === 'SUBSCRIBED');
    expect(batch.consents.filter((c) => c.status === 'GRANTED').length).toBe(subscribed.length);
    // One checkpoint per page of contacts the sink took, then one for the run's end.
    const contactPages = out.batches.filter((b) => b.observations.length > 0).length;
    expect(contactPages).toBeGreaterThanOrEqual(Math.ceil(state.objects.contacts.size / 7));
    expect(checkpoints.writes.filter(([key]) => key === 'hubspot:contacts')).toHaveLength(contactPages + 1);
  });

  it('loses nothing to the search cap, however small it is', async () => {
    const sync = await setUp({ searchResultCap: 5 }, { pageSize: 3, streams: ['contacts'] });
    const out = collector();
    await sync.run({ checkpoints: new MemoryCheckpoints(), sink: out.sink });
    expect(observedIds(out.all())).toEqual(contactIds());
  });

  it('reads an instant that holds more records than a page, by object id', async () => {
    const sync = await setUp({ searchResultCap: 5 }, { pageSize: 3, streams: ['contacts'] });
    const crowded = [...hubspot.sandbox.state.objects.contacts.all()].slice(5, 17);
    for (const c of crowded) c.properties.lastmodifieddate = '2026-06-01T12:00:00.000Z';
    const out = collector();
    await sync.run({ checkpoints: new MemoryCheckpoints(), sink: out.sink });
    const batch = out.all();
    expect(observedIds(batch)).toEqual(contactIds());
    // Each contact is read once: the crowded instant is split off, not re-read page after page.
    expect(batch.observations).toHaveLength(contactIds().length);
  });

  it('resumes after a crash from the last page the sink accepted', async () => {
    const sync = await setUp({}, { streams: ['contacts'] });
    const checkpoints = new MemoryCheckpoints();
    const first = collector();
    let pages = 0;
    const failing: SyncRunOptions['sink'] = async (b) => {
      if (++pages === 3) throw new Error('store went away');
      await first.sink(b);
    };
    await expect(sync.run({ checkpoints, sink: failing })).rejects.toThrow('store went away');
    const saved = JSON.parse(checkpoints.values.get('hubspot:contacts')!) as { resumeFrom: number };
    const second = collector();
    hubspot.resetCalls();
    await sync.run({ checkpoints, sink: second.sink });
    const firstIds = observedIds(first.all());
    const secondIds = observedIds(second.all());
    expect(new Set([...firstIds, ...secondIds])).toEqual(new Set(contactIds()));
    // The second run started at the checkpoint: it re-read at most the checkpoint's own instant.
    const reread = secondIds.filter((id) => firstIds.includes(id));
    for (const id of reread) expect(Date.parse(hubspot.sandbox.state.objects.contacts.get(id)!.properties.lastmodifieddate!)).toBe(saved.resumeFrom);
    expect(secondIds.length).toBeLessThan(contactIds().length);
  });

  it('never skips a record because another was modified during the run; the modified one comes next run', async () => {
    const sync = await setUp({}, { streams: ['contacts'] });
    const ordered = [...hubspot.sandbox.state.objects.contacts.all()].sort((a, b) => a.properties.lastmodifieddate!.localeCompare(b.properties.lastmodifieddate!));
    const moved = ordered[10]!;
    const checkpoints = new MemoryCheckpoints();
    const first = collector();
    let once = false;
    await sync.run({
      checkpoints,
      sink: async (b) => {
        await first.sink(b);
        if (!once) {
          once = true;
          // A salesperson changes a contact the run has not read yet: it leaves the run's window.
          await hubspot.sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions/contacts/${moved.id}/lifecycle-stage`, payload: { stage: 'customer' } });
        }
      },
    });
    expect(observedIds(first.all())).toEqual(contactIds().filter((id) => id !== moved.id));
    const second = collector();
    await sync.run({ checkpoints, sink: second.sink });
    expect(observedIds(second.all())).toEqual([moved.id]);
    expect(second.all().events.find((e) => e.type === 'LIFECYCLE_STAGE_CHANGED' && e.details.kind === 'sales' && e.details.stage === 'customer')).toBeDefined();
  });

  it('starts each run a lookback before the checkpoint, catching records the index showed late', async () => {
    let now = Date.parse('2026-11-20T00:00:00.000Z');
    const sync = await setUp({}, { streams: ['contacts'], lookbackMs: 10 * 60_000, now: () => now });
    const checkpoints = new MemoryCheckpoints();
    await sync.run({ checkpoints, sink: collector().sink });
    // Modified two minutes before the first run ended, but searchable only after it.
    const late = [...hubspot.sandbox.state.objects.contacts.all()][0]!;
    late.properties.lastmodifieddate = new Date(now - 120_000).toISOString();
    now += 3_600_000;
    const second = collector();
    await sync.run({ checkpoints, sink: second.sink });
    expect(observedIds(second.all())).toEqual([late.id]);
  });

  it('reads everything again when asked for a full run, ignoring checkpoints', async () => {
    const sync = await setUp({}, { streams: ['emails'] });
    const checkpoints = new MemoryCheckpoints();
    await sync.run({ checkpoints, sink: collector().sink });
    const again = collector();
    const [progress] = await sync.run({ checkpoints, sink: again.sink, full: true });
    expect(progress!.records).toBe(hubspot.sandbox.state.objects.emails.size);
  });

  it('finishes under HubSpot’s search limit of a few calls per second, slowed down, without error', async () => {
    const sync = await setUp({ rateLimits: { searchPerSecond: 2 } }, { streams: ['notes'], pageSize: 5 });
    const [progress] = await sync.run({ checkpoints: new MemoryCheckpoints(), sink: collector().sink });
    expect(progress!.records).toBe(hubspot.sandbox.state.objects.notes.size);
  });
});
