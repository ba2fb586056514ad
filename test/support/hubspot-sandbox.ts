/**
 * A HubSpot sandbox listening on loopback (port 0) for connector and subgraph tests, and the
 * connection a client needs to reach it. Connectors meet it over real HTTP, as they would HubSpot.
 */
import type { HubSpotConnection } from '../../config/env.js';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { ConnectorRuntime } from '../../connectors/http/runtime.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { DemoWorld } from '../../sandboxes/demo-world/world.js';
import { createHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from '../../sandboxes/hubspot/app.js';
import { buildHubSpotState } from '../../sandboxes/hubspot/state.js';

export interface RunningHubSpotSandbox {
  sandbox: HubSpotSandbox;
  world: DemoWorld;
  url: string;
  connection: HubSpotConnection;
  /** Vendor API calls served, by "METHOD route", since the last reset. */
  calls(): Record<string, number>;
  resetCalls(): void;
  close(): Promise<void>;
}

export async function startHubSpotSandbox(
  options: Partial<Omit<HubSpotSandboxOptions, 'state'>> & { people?: number; apiVersion?: HubSpotConnection['apiVersion'] } = {},
): Promise<RunningHubSpotSandbox> {
  const world = generateWorld({ seed: 42, people: options.people ?? 40 });
  const sandbox = createHubSpotSandbox({ state: buildHubSpotState(world), ...options });
  const url = await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    sandbox,
    world,
    url,
    connection: {
      target: 'sandbox',
      baseUrl: url,
      credential: SANDBOX_CREDENTIALS.hubspot.token,
      webhookSecret: SANDBOX_CREDENTIALS.hubspot.webhookSecret,
      apiVersion: options.apiVersion ?? 'v3',
    },
    calls: () => Object.fromEntries(sandbox.calls),
    resetCalls: () => sandbox.calls.clear(),
    close: () => sandbox.app.close(),
  };
}

/** The process runtime of a connector under test: short timeout, memory governor, no telemetry. */
export const testRuntime = (timeoutMs = 2000): ConnectorRuntime => ({ timeoutMs });
