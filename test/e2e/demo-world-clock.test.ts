/**
 * The demo world and the Google Ads clock agree. Unpinned (`npm start`), the world's history ends
 * when the sandboxes start, so the Google Ads sandbox, on the wall clock, holds demo clicks in the
 * last days whatever today's date is. Pinned (SANDBOX_WORLD_NOW, as every test hub is), the Google Ads
 * sandbox and connector count days from the world's end, so `clicks(days: 7)` finds the world's
 * last week.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { loadConfig } from '../../config/env.js';
import { addDays, daysOf, toDay } from '../../connectors/google-ads/dates.js';
import { createConnectors } from '../../connectors/create-connectors.js';
import { DEFAULT_WORLD_NOW, generateWorld } from '../../sandboxes/demo-world/generate.js';
import { startSandboxes, type RunningSandbox } from '../../sandboxes/start.js';
import { gql, startTestHub } from '../support/hub.js';

const PEOPLE = 200;
const CLICKS = `query ($id: ID!) { customer(id: $id) { googleAds { clicks(days: 7) { gclid date } } } }`;

describe('the demo world’s clock', () => {
  let hub: RunningHub | undefined;
  let sandboxes: RunningSandbox[] = [];
  afterEach(async () => {
    await hub?.close();
    await Promise.all(sandboxes.map((s) => s.close()));
    hub = undefined;
    sandboxes = [];
  });

  it('pinned: clicks(days: 7) finds the clicks of the world’s last week, on the Google clock of the world', async () => {
    hub = await startTestHub({ SANDBOX_PEOPLE: String(PEOPLE) });
    expect(hub.config.sandboxes.worldNow).toBe(DEFAULT_WORLD_NOW);
    const worldDay = toDay(Date.parse(DEFAULT_WORLD_NOW));
    expect(hub.connectors.googleAds.client.today()).toBe(worldDay);

    // People the hub knows by gclid, whose demo click fell in the world's last 7 days.
    const world = generateWorld({ seed: 42, people: PEOPLE });
    const lastWeek = new Set(daysOf({ since: addDays(worldDay, -6), until: worldDay }));
    const clickDay = new Map(world.people.flatMap((p) => p.googleAds?.clicks ?? []).map((c) => [c.gclid, toDay(Date.parse(c.clickedAt))]));
    const { customers } = await hub.stores.identities.listCustomers(PEOPLE);
    const recent = customers.flatMap((c) =>
      c.identities.filter((i) => i.kind === 'GCLID' && lastWeek.has(clickDay.get(i.value) ?? '')).map((i) => ({ customerId: c.id, gclid: i.value })),
    );
    expect(recent.length).toBeGreaterThan(0);

    const { customerId, gclid } = recent[0]!;
    const { data, errors } = await gql(hub.gatewayUrl, CLICKS, { id: customerId });
    expect(errors).toBeUndefined();
    expect(data!.customer.googleAds.clicks).toContainEqual({ gclid, date: clickDay.get(gclid) });
  });

  it('unpinned: the world ends when the sandboxes start, so the wall clock’s last week holds demo clicks', async () => {
    const config = loadConfig({ HUBSPOT_SANDBOX_PORT: '0', SHOPIFY_SANDBOX_PORT: '0', KLAVIYO_SANDBOX_PORT: '0', META_SANDBOX_PORT: '0', GOOGLE_ADS_SANDBOX_PORT: '0', SANDBOX_PEOPLE: '2000' });
    expect(config.sandboxes.worldNow).toBeUndefined();
    sandboxes = await startSandboxes(config);
    const google = sandboxes.find((s) => s.vendor === 'google-ads')!;
    const client = createConnectors({ ...config, googleAds: { ...config.googleAds, baseUrl: google.url } }).googleAds.client;
    expect(client.today()).toBe(toDay(Date.now()));

    const days = [...daysOf({ since: addDays(client.today(), -6), until: client.today() })];
    const found: string[] = [];
    for (const day of days) for await (const rows of client.clicksOnDay(day)) found.push(...rows.map((r) => r.segments.date));
    // 2,000 people click for about two years up to the world's end: a week holds some of it.
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => days.includes(d))).toBe(true);
  });
});
