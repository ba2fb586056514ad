import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { CheckpointStore } from '../unified/contracts.js';
import { createMetaAdsClient } from './client.js';
import { createMetaLeadSync } from './sync.js';

class MapCheckpoints implements CheckpointStore {
  readonly values = new Map<string, string>();
  writes = 0;
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.writes++;
    this.values.set(key, value);
  }
}

const leadIds = (batches: UnifiedBatch[]) => batches.flatMap((b) => b.events.map((e) => e.id.replace('meta:lead:', '')));

describe('Meta leads sync', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  afterEach(async () => meta?.close());

  async function setup() {
    meta = await startMetaSandbox({ world: generateWorld({ seed: 42, people: 120 }) });
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { http: { retry: { maxAttempts: 1 } } });
    const sync = createMetaLeadSync({ leads: client, pageSize: 3, lookbackSeconds: 60 });
    const all = meta.world.people.flatMap((p) => p.meta?.leads ?? []).map((l) => l.leadId).sort();
    return { sync, all, checkpoints: new MapCheckpoints() };
  }

  it('reads every lead of every form, saving a checkpoint after each page, then only what is new', async () => {
    const { sync, all, checkpoints } = await setup();
    const batches: UnifiedBatch[] = [];
    const [progress] = await sync.run({ checkpoints, sink: async (b) => void batches.push(b) });
    expect(leadIds(batches).sort()).toEqual(all);
    expect(progress).toEqual({ vendor: 'meta', stream: 'leads', records: all.length });
    expect(checkpoints.writes).toBeGreaterThanOrEqual(Math.ceil(all.length / 3));
    for (const value of checkpoints.values.values()) expect(JSON.parse(value)).toEqual({ newest: expect.any(Number) });

    const { lead } = await meta.admin('POST', '/actions/submit-lead', { email: 'new.person@example.com', fullName: 'New Person' });
    const next: UnifiedBatch[] = [];
    await sync.run({ checkpoints, sink: async (b) => void next.push(b) });
    // The new lead, plus each form's newest lead again (the lookback overlap, deduped by event id downstream).
    const newestPerForm = meta.world.campaigns.meta.map(
      (c) => meta.world.people.flatMap((p) => p.meta?.leads ?? []).filter((l) => l.formId === c.formId).sort((a, b) => a.createdTime.localeCompare(b.createdTime)).at(-1)!.leadId,
    );
    expect(leadIds(next).sort()).toEqual([lead.id, ...newestPerForm].sort());
  });

  it('resumes after a crash at the page after the last one saved, skipping nothing', async () => {
    const { sync, all, checkpoints } = await setup();
    const seen: string[] = [];
    let pages = 0;
    const crashing = async (b: UnifiedBatch) => {
      if (++pages === 3) throw new Error('worker died');
      seen.push(...leadIds([b]));
    };
    await expect(sync.run({ checkpoints, sink: crashing })).rejects.toThrow('worker died');
    const running = [...checkpoints.values.values()].map((v) => JSON.parse(v)).find((c) => c.running);
    expect(running.running.after).toEqual(expect.any(String));

    await sync.run({ checkpoints, sink: async (b) => void seen.push(...leadIds([b])) });
    // The page that failed is read again (its checkpoint was never saved); none is missed.
    expect([...new Set(seen)].sort()).toEqual(all);
    expect(seen.length).toBeLessThan(all.length + 3);
  });

  it('starts a form over from the same lower bound when Meta no longer takes the saved cursor', async () => {
    const { sync, all, checkpoints } = await setup();
    const form = meta.world.campaigns.meta[0]!.formId;
    await checkpoints.set(form && `meta:leads:${form}`, JSON.stringify({ running: { after: 'bm90LWEtY3Vyc29y' } }));
    const batches: UnifiedBatch[] = [];
    await sync.run({ checkpoints, sink: async (b) => void batches.push(b) });
    expect(leadIds(batches).sort()).toEqual(all);
  });

  it('reads everything again on a full run, whatever the checkpoints say', async () => {
    const { sync, all, checkpoints } = await setup();
    await sync.run({ checkpoints, sink: async () => {} });
    const batches: UnifiedBatch[] = [];
    await sync.run({ checkpoints, sink: async (b) => void batches.push(b), full: true });
    expect(leadIds(batches).sort()).toEqual(all);
  });
});
