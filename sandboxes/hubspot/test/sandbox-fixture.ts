/**
 * A HubSpot sandbox over a small demo world for tests, and an `api` helper that calls it the way
 * a client does (Bearer token, JSON) through Fastify's inject.
 */
import { SANDBOX_CREDENTIALS } from '../../../config/sandbox-credentials.js';
import { generateWorld } from '../../demo-world/generate.js';
import type { DemoWorld } from '../../demo-world/world.js';
import { createHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from '../app.js';
import { buildHubSpotState } from '../state.js';

export const WORLD: DemoWorld = generateWorld({ seed: 42, people: 40 });
export const TOKEN = SANDBOX_CREDENTIALS.hubspot.token;

export function hubSpotSandbox(options: Partial<HubSpotSandboxOptions> = {}): HubSpotSandbox {
  return createHubSpotSandbox({ state: buildHubSpotState(WORLD), ...options });
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
  body: any;
}

export async function api(sandbox: HubSpotSandbox, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token: string | null = TOKEN): Promise<ApiResponse> {
  const response = await sandbox.app.inject({
    method,
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? JSON.parse(response.body) : undefined };
}

/** People of the demo world HubSpot holds. */
export const hubSpotPeople = () => WORLD.people.filter((p) => p.hubspot);
