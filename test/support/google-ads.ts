/**
 * A Google Ads sandbox listening on a real port (connectors are tested over HTTP), on the demo
 * world's clock, and a connector pointed at it with the same clock.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/env.js';
import type { ConnectorRuntime } from '../../connectors/http/runtime.js';
import { createGoogleAdsConnector, type GoogleAdsConnectorDependencies } from '../../connectors/google-ads/connector.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { DemoWorld } from '../../sandboxes/demo-world/world.js';
import { createGoogleAdsSandbox, type GoogleAdsSandboxOptions } from '../../sandboxes/google-ads/app.js';
import { buildGoogleAdsState } from '../../sandboxes/google-ads/state.js';

export async function startGoogleAdsSandbox(
  options: Partial<GoogleAdsSandboxOptions> & { beforeListen?: (app: FastifyInstance) => void } = {},
  world: DemoWorld = generateWorld({ seed: 42, people: 40 }),
) {
  const now = () => Date.parse(world.now);
  const state = options.state ?? buildGoogleAdsState(world, '1234567890');
  const sandbox = createGoogleAdsSandbox({ now, ...options, state });
  options.beforeListen?.(sandbox.app);
  const url = await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  const calls = () => [...sandbox.calls.values()].reduce((a, b) => a + b, 0);
  return { world, state, sandbox, url, now, calls, close: () => sandbox.app.close() };
}

export type GoogleAdsSandboxFixture = Awaited<ReturnType<typeof startGoogleAdsSandbox>>;

/** A connector on the sandbox, fast to poll and with the sandbox's clock. */
export function connectGoogleAds(
  fixture: GoogleAdsSandboxFixture,
  deps: GoogleAdsConnectorDependencies = {},
  env: Record<string, string> = {},
  runtime: Partial<ConnectorRuntime> = {},
) {
  const config = loadConfig({ GOOGLE_ADS_BASE_URL: fixture.url, LOG_LEVEL: 'silent', ...env });
  // A generous budget: the tests are about Google's answers, not the hub's pacing.
  return createGoogleAdsConnector(config.googleAds, { timeoutMs: 4000, budgets: { 'google-ads': { points: 1000, durationMs: 1000 } }, ...runtime }, {
    now: fixture.now,
    jobPolling: { intervalMs: 1, maxIntervalMs: 5, timeoutMs: 5_000 },
    ...deps,
  });
}
