import { afterEach, describe, expect, it } from 'vitest';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import { createRateGovernor, type RateGovernor, type UsageHint } from '../http/governor.js';
import { createMetaAdsClient } from './client.js';

const WINDOW = { since: '2026-10-01', until: '2026-10-07' };

describe('Meta throttling through the HTTP core', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  afterEach(async () => meta?.close());

  it('feeds the governor rising usage from the headers on every call, before Meta refuses any', async () => {
    meta = await startMetaSandbox({ limits: { buc: { ads_insights: { calls: 4, windowSeconds: 3600 } } } });
    const hints: UsageHint[] = [];
    const governor: RateGovernor = { acquire: async () => {}, pauseUntil: async () => {}, observe: async (hint) => void hints.push(hint) };
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { http: { governor, retry: { maxAttempts: 1 } } });
    for (let i = 0; i < 4; i++) await client.insights('campaign', WINDOW);
    expect(hints.map((h) => h.used)).toEqual([0.25, 0.5, 0.75, 1]);

    const refused = await client.insights('campaign', WINDOW).catch((e: unknown) => e);
    // Meta's BUC header says when access comes back: the error carries the wait.
    expect(refused).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryable: true, status: 400, retryAfterMs: 60 * 60_000 });
    expect(hints.at(-1)).toEqual({ used: 1, pauseUntil: expect.any(Number) });
  });

  it('slows down as usage nears the limit, so calls wait before Meta would refuse them', async () => {
    meta = await startMetaSandbox({ limits: { buc: { ads_insights: { calls: 10, windowSeconds: 3600 } } } });
    const waits: { call: number; ms: number }[] = [];
    let call = 0;
    const governor = createRateGovernor({
      key: `meta-test:${meta.url}`,
      points: 1000,
      durationMs: 1000,
      // Long enough that a busy machine cannot let the pause lapse before the next call starts.
      maxSlowDownMs: 1000,
      sleep: async (ms) => {
        waits.push({ call, ms });
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { http: { governor, retry: { maxAttempts: 1 } } });
    for (call = 1; call <= 10; call++) await client.insights('campaign', WINDOW);
    // Nothing waits while usage is low; from 80% on, the next calls are spaced out, and none was refused.
    expect(waits.filter((w) => w.call <= 8)).toEqual([]);
    expect(waits.some((w) => w.call > 8)).toBe(true);
  });

  it('waits out the ad-account reset Meta announces at 100%, so the next call is not refused', async () => {
    meta = await startMetaSandbox({ limits: { adAccount: { maxScore: 2, decaySeconds: 1, blockSeconds: 1 } } });
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { http: { retry: { maxAttempts: 1 } } });
    await client.insights('campaign', WINDOW);
    await client.insights('campaign', WINDOW);
    meta.sandbox.calls.clear();
    // X-Ad-Account-Usage said 100% with reset_time_duration 1: the governor holds the call for it.
    const rows = await client.insights('campaign', WINDOW);
    expect(rows).toHaveLength(3);
    expect(meta.calls()).toBe(1);
  });
});
