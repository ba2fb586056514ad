/**
 * The incremental click sync against the sandbox: one day per query within Google's 90 days,
 * only gclids the hub knows become identity links and AD_CLICKED events, the checkpoint moves
 * after each complete day, a crash resumes where it stopped, and a new click is found next run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryIdentityStore } from '../../profile/store/memory-identity-store.js';
import { connectGoogleAds, startGoogleAdsSandbox, type GoogleAdsSandboxFixture } from '../../test/support/google-ads.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { CheckpointStore } from '../unified/contracts.js';
import { addDays } from './dates.js';

let fixture: GoogleAdsSandboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const TODAY = '2026-11-01';
const SEARCH_ROUTE = 'POST /:version/customers/:customerId/googleAds::search';

class MapCheckpoints implements CheckpointStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
}

async function setup(options: Parameters<typeof startGoogleAdsSandbox>[0] = {}) {
  fixture = await startGoogleAdsSandbox(options);
  const identities = new MemoryIdentityStore();
  const recent = [...fixture.state.clicksByGclid.values()].filter((c) => c.date >= addDays(TODAY, -89)).sort((a, b) => a.date.localeCompare(b.date));
  // The hub knows every other recent gclid (from HubSpot or a Shopify landing URL).
  const known = recent.filter((_, i) => i % 2 === 0);
  for (const [i, click] of known.entries()) await identities.createCustomer(`cus_${i}`, [{ kind: 'GCLID', value: click.gclid }], '2026-01-01T00:00:00Z');
  const { sync } = connectGoogleAds(fixture, { identities });
  const batches: UnifiedBatch[] = [];
  const checkpoints = new MapCheckpoints();
  const sink = async (batch: UnifiedBatch) => void batches.push(batch);
  return { sync: sync!, identities, known, recent, batches, checkpoints, sink, fixture };
}

describe('Google Ads click sync', () => {
  it('reads the last 90 days one day per query and links only the gclids the hub knows', async () => {
    const { sync, known, recent, batches, checkpoints, sink, fixture } = await setup();
    expect(recent.length).toBeGreaterThan(known.length);
    const progress = await sync.run({ checkpoints, sink });
    expect(fixture.sandbox.calls.get(SEARCH_ROUTE)).toBe(90);
    const events = batches.flatMap((b) => b.events);
    expect(events.map((e) => e.details.kind === 'ad' && e.details.gclid).sort()).toEqual(known.map((c) => c.gclid).sort());
    expect(events.every((e) => e.type === 'AD_CLICKED' && e.source === 'google-ads')).toBe(true);
    expect(batches.flatMap((b) => b.observations).map((o) => o.identities[0]!.value).sort()).toEqual(known.map((c) => c.gclid).sort());
    // Every click of those days was read (anonymous ones included), though only known ones were linked.
    expect(progress[0]!.records).toBeGreaterThan(recent.length);
    expect(checkpoints.values.get('google-ads:1234567890:clicks')).toBe(JSON.stringify({ completeThrough: addDays(TODAY, -1) }));
  });

  it('resumes from its checkpoint: re-reads the last complete day and today, and finds a new click', async () => {
    const { sync, identities, batches, checkpoints, sink, fixture } = await setup();
    await sync.run({ checkpoints, sink });
    const gclid = 'Cj0KCQnewclickfromtoday00000000';
    await identities.createCustomer('cus_new', [{ kind: 'GCLID', value: gclid }], '2026-11-01T00:00:00Z');
    const click = await fixture.sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/click', payload: { gclid, clickedAt: '2026-11-01T08:00:00Z' } });
    expect(click.statusCode).toBe(201);
    fixture.sandbox.calls.clear();
    batches.length = 0;
    await sync.run({ checkpoints, sink });
    expect(fixture.sandbox.calls.get(SEARCH_ROUTE)).toBe(2);
    expect(batches.flatMap((b) => b.events).map((e) => e.id)).toContain(`google-ads:click:${gclid}`);
  });

  it('after a crash mid-run resumes from the last complete day, re-reading it, and doubles no event', async () => {
    const { sync, batches, checkpoints, sink, fixture } = await setup();
    const horizon = addDays(TODAY, -89);
    let calls = 0;
    // One page a day: the 30th sink call is the 30th day, horizon + 29.
    const crashing = async (batch: UnifiedBatch) => {
      if (++calls === 30) throw new Error('store went away');
      await sink(batch);
    };
    await expect(sync.run({ checkpoints, sink: crashing })).rejects.toThrow('store went away');
    expect(JSON.parse(checkpoints.values.get('google-ads:1234567890:clicks')!)).toEqual({ completeThrough: addDays(horizon, 28) });
    fixture.sandbox.calls.clear();
    await sync.run({ checkpoints, sink });
    expect(fixture.sandbox.calls.get(SEARCH_ROUTE)).toBe(90 - 28);
    // Stable ids: whatever was read twice is the same event, and nothing is missing.
    const ids = batches.flatMap((b) => b.events.map((e) => e.id));
    const full: UnifiedBatch[] = [];
    await sync.run({ checkpoints: new MapCheckpoints(), sink: async (b) => void full.push(b) });
    expect([...new Set(ids)].sort()).toEqual(full.flatMap((b) => b.events.map((e) => e.id)).sort());
  });

  it('sinks page by page when a day spans several pages, and stops when aborted', async () => {
    const { sync, batches, checkpoints, sink, fixture } = await setup({ pageSize: 20 });
    const controller = new AbortController();
    let pages = 0;
    await sync.run({
      checkpoints,
      sink: async (b) => {
        await sink(b);
        if (++pages === 12) controller.abort();
      },
      signal: controller.signal,
    });
    expect(pages).toBe(12);
    expect(batches).toHaveLength(12);
    // Aborted between pages: no page was asked for after the abort.
    expect(fixture.sandbox.calls.get(SEARCH_ROUTE)).toBe(12);
    // Days hold dozens of clicks, several pages each: the checkpoint names only days read to their last page.
    const completeThrough = JSON.parse(checkpoints.values.get('google-ads:1234567890:clicks')!).completeThrough as string;
    expect(completeThrough >= addDays(TODAY, -89) && completeThrough < addDays(TODAY, -84)).toBe(true);
  });
});
