/**
 * Incremental sync against the sandbox over HTTP: full read, checkpoint after every page, resume
 * after a crash, records changed during a run, and the next run reading only what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { listeningKlaviyoSandbox } from '../../sandboxes/klaviyo/testing.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { CheckpointStore } from '../unified/contracts.js';
import { createKlaviyoClient, type KlaviyoClient } from './client.js';
import { createKlaviyoSync } from './sync.js';

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

describe('Klaviyo incremental sync', () => {
  let sandbox: Awaited<ReturnType<typeof listeningKlaviyoSandbox>>;
  let client: KlaviyoClient;
  beforeAll(async () => {
    sandbox = await listeningKlaviyoSandbox({ people: 60 });
    client = createKlaviyoClient(
      { target: 'sandbox', baseUrl: sandbox.baseUrl, credential: SANDBOX_CREDENTIALS.klaviyo.token, webhookSecret: undefined, revision: '2026-07-15' },
      { timeoutMs: 5000 },
      // Unpaced: the account's real budget (12 calls/s) would only slow the test down.
      { breaker: false, governor: undefined },
    );
  });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });
  const sync = () => createKlaviyoSync(client, { pageSize: 10 });
  /** Keeps each batch with the stream it came from (onProgress follows the sink of each page). */
  const collect = () => {
    const batches: (UnifiedBatch & { stream?: string })[] = [];
    return {
      batches,
      sink: async (b: UnifiedBatch) => void batches.push(b),
      onProgress: (p: { stream: string }) => void (batches.at(-1)!.stream = p.stream),
    };
  };
  const profileIds = (batches: (UnifiedBatch & { stream?: string })[]) =>
    batches.filter((b) => b.stream === 'profiles').flatMap((b) => b.observations.map((o) => o.sourceRecordId));

  it('reads every profile and event on the first run, saving a checkpoint after each page', async () => {
    const checkpoints = new MemoryCheckpoints();
    const { batches, sink, onProgress } = collect();
    const progress = await sync().run({ checkpoints, sink, onProgress });
    const profiles = sandbox.state.profiles.size;
    const events = sandbox.state.allEvents().length;
    expect(progress).toEqual([
      { vendor: 'klaviyo', stream: 'profiles', records: profiles },
      { vendor: 'klaviyo', stream: 'events', records: events },
    ]);
    expect(profileIds(batches)).toHaveLength(profiles);
    expect(new Set(profileIds(batches)).size).toBe(profiles);
    expect(checkpoints.writes.filter(([k]) => k === 'klaviyo:profiles')).toHaveLength(Math.ceil(profiles / 10));
    expect(checkpoints.writes.filter(([k]) => k === 'klaviyo:events')).toHaveLength(Math.ceil(events / 10));
    const latest = Math.max(...[...sandbox.state.profiles.values()].map((p) => Date.parse(p.updated)));
    expect(Date.parse(checkpoints.values.get('klaviyo:profiles')!)).toBe(latest);
    expect(batches.flatMap((b) => b.consents).length).toBeGreaterThan(profiles);
    expect(batches.flatMap((b) => b.events).map((e) => e.type)).toContain('EMAIL_SENT');
  });

  it('resumes after a crash from the last saved page, without losing a record', async () => {
    const checkpoints = new MemoryCheckpoints();
    const first = collect();
    let pages = 0;
    const crashing = async (b: UnifiedBatch) => {
      if (++pages === 3) throw new Error('worker died');
      await first.sink(b);
    };
    await expect(sync().run({ checkpoints, sink: crashing, onProgress: first.onProgress })).rejects.toThrow('worker died');
    expect(checkpoints.writes).toHaveLength(2);
    expect(new Set(profileIds(first.batches)).size).toBe(20);
    const second = collect();
    await sync().run({ checkpoints, sink: second.sink, onProgress: second.onProgress });
    const seen = new Set([...profileIds(first.batches), ...profileIds(second.batches)]);
    expect(seen.size).toBe(sandbox.state.profiles.size);
    // The second run started at the checkpoint (minus the lookback), not from the beginning.
    expect(profileIds(second.batches).length).toBeLessThan(sandbox.state.profiles.size);
  });

  it('reads a profile changed during the run again, with its new state', async () => {
    const checkpoints = new MemoryCheckpoints();
    const { batches, sink, onProgress } = collect();
    let changed: string | undefined;
    const changing = async (b: UnifiedBatch) => {
      await sink(b);
      if (!changed && b.observations.length > 0) {
        // Someone already read on this page unsubscribes while the sync is still running.
        const target = b.consents.find((c) => c.topic === 'EMAIL_MARKETING' && c.status !== 'DENIED');
        changed = target!.identities.find((i) => i.kind === 'KLAVIYO')!.value;
        await sandbox.admin('POST', '/__sandbox/actions/unsubscribe', { profileId: changed, channel: 'email' });
      }
    };
    await sync().run({ checkpoints, sink: changing, onProgress });
    const consents = batches.flatMap((b) => b.consents).filter((c) => c.topic === 'EMAIL_MARKETING' && c.identities.some((i) => i.value === changed));
    expect(consents.at(-1)!.status).toBe('DENIED');
    const unsubscribes = batches.flatMap((b) => b.events).filter((e) => e.type === 'EMAIL_UNSUBSCRIBED' && e.identities.some((i) => i.value === changed));
    expect(unsubscribes.length).toBeGreaterThan(0);
  });

  it('reads only what changed since the checkpoint on the next run', async () => {
    const checkpoints = new MemoryCheckpoints();
    await sync().run({ checkpoints, sink: collect().sink });
    const quiet = collect();
    const progress = await sync().run({ checkpoints, sink: quiet.sink });
    // Only the lookback window is read again.
    expect(progress[0]!.records).toBeLessThan(5);
    const person = sandbox.world.people.find((p) => p.klaviyo?.phoneNumber && sandbox.state.profiles.get(p.klaviyo.profileId)!.subscriptions.sms.consent === 'SUBSCRIBED')!;
    await sandbox.admin('POST', '/__sandbox/actions/send-sms', { profileId: person.klaviyo!.profileId });
    await sandbox.admin('POST', '/__sandbox/actions/unsubscribe', { profileId: person.klaviyo!.profileId, channel: 'sms' });
    const next = collect();
    await sync().run({ checkpoints, sink: next.sink });
    const types = next.batches.flatMap((b) => b.events).filter((e) => e.identities.some((i) => i.value === person.klaviyo!.profileId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['SMS_SENT', 'SMS_UNSUBSCRIBED']));
    const sms = next.batches.flatMap((b) => b.consents).filter((c) => c.topic === 'SMS_MARKETING' && c.identities.some((i) => i.value === person.klaviyo!.profileId));
    expect(sms.map((c) => c.status)).toContain('DENIED');
  });

  it('ignores saved checkpoints on a full run', async () => {
    const checkpoints = new MemoryCheckpoints();
    await sync().run({ checkpoints, sink: collect().sink });
    const progress = await sync().run({ checkpoints, sink: collect().sink, full: true });
    expect(progress[0]!.records).toBe(sandbox.state.profiles.size);
  });
});
