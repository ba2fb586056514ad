/**
 * Starts the vendor sandboxes the configuration asks for, all seeded from one demo world.
 */
import type { HubConfig, Vendor } from '../config/env.js';
import { pinnedWorldClock } from '../config/sandbox-clock.js';
import { SANDBOX_CREDENTIALS } from '../config/sandbox-credentials.js';
import type { RunningService } from '../platform/service.js';
import { generateWorld } from './demo-world/generate.js';
import type { DemoWorld } from './demo-world/world.js';
import { createGoogleAdsSandbox } from './google-ads/app.js';
import { buildGoogleAdsState } from './google-ads/state.js';
import { createHubSpotSandbox } from './hubspot/app.js';
import { buildHubSpotState } from './hubspot/state.js';
import { createKlaviyoSandbox } from './klaviyo/app.js';
import { buildKlaviyoState } from './klaviyo/state.js';
import type { SandboxApp } from './kit/create-sandbox-app.js';
import { createMetaSandbox } from './meta/app.js';
import { buildMetaState } from './meta/state.js';
import { createShopifySandbox } from './shopify/app.js';
import { buildShopifyState } from './shopify/seed.js';

export interface RunningSandbox extends RunningService {
  vendor: Vendor;
  sandbox: SandboxApp;
}

/** Builds one vendor's emulator over the world, not yet listening. */
export function createSandbox(
  vendor: Vendor,
  world: DemoWorld,
  controls: SandboxApp['controls'] | object = {},
  /** Where the vendor's webhooks go: the hub's `/webhooks/{vendor}`. */
  webhookTarget?: string,
  /** The clock of a pinned world (config/sandbox-clock.ts); the wall clock when undefined. */
  now?: () => number,
): SandboxApp {
  switch (vendor) {
    case 'hubspot':
      return createHubSpotSandbox({ state: buildHubSpotState(world), controls, webhookTarget });
    case 'shopify':
      return createShopifySandbox({ state: buildShopifyState(world), controls, webhookTarget });
    case 'klaviyo':
      return createKlaviyoSandbox({ state: buildKlaviyoState(world), controls, webhookTarget });
    case 'meta':
      return createMetaSandbox({ state: buildMetaState(world, SANDBOX_CREDENTIALS.meta.pageId), controls, webhookTarget });
    case 'google-ads':
      return createGoogleAdsSandbox({ state: buildGoogleAdsState(world, SANDBOX_CREDENTIALS.googleAds.customerId), controls, ...(now ? { now } : {}) });
  }
}

export async function startSandboxes(
  config: HubConfig,
  // Unpinned, the world's history ends now, so recent windows ("the last 7 days") hold demo data.
  world: DemoWorld = generateWorld({ seed: config.sandboxes.seed, people: config.sandboxes.people, now: config.sandboxes.worldNow ?? new Date().toISOString() }),
): Promise<RunningSandbox[]> {
  const started: RunningSandbox[] = [];
  const now = pinnedWorldClock(config.sandboxes.worldNow);
  for (const vendor of Object.keys(config.sandboxes.start) as Vendor[]) {
    if (!config.sandboxes.start[vendor]) continue;
    const sandbox = createSandbox(
      vendor,
      world,
      {
        latencyMs: config.sandboxes.latencyMs,
        throttling: config.sandboxes.throttling,
        errorRate: config.sandboxes.errorRate,
        outage: config.sandboxes.outage.includes(vendor),
      },
      `${config.ingest.url}/webhooks/${vendor}`,
      now,
    );
    const address = await sandbox.app.listen({ host: config.host, port: config.sandboxes.ports[vendor] });
    started.push({ name: `sandbox:${vendor}`, vendor, url: address, sandbox, close: () => sandbox.app.close() });
  }
  return started;
}
