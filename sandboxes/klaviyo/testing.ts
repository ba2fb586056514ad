/**
 * Helpers for tests of the Klaviyo sandbox (and of code that talks to it): a sandbox over a small
 * demo world with a controllable clock, and request helpers that send the credentials and revision.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { generateWorld } from '../demo-world/generate.js';
import type { DemoWorld } from '../demo-world/world.js';
import { createKlaviyoSandbox, type KlaviyoSandboxOptions } from './app.js';
import { buildKlaviyoState, type KlaviyoState } from './state.js';

export const KLAVIYO_HEADERS = {
  authorization: `Klaviyo-API-Key ${SANDBOX_CREDENTIALS.klaviyo.token}`,
  revision: '2026-07-15',
  accept: 'application/vnd.api+json',
};

/** A settable clock starting at a fixed instant, so rate-limit windows are deterministic. */
export function testClock(start = Date.parse('2026-11-02T10:00:00.000Z')) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) });
}

export function klaviyoTestSandbox(options: Omit<KlaviyoSandboxOptions, 'state'> & { people?: number; seed?: number; clock?: () => number } = {}) {
  const world: DemoWorld = generateWorld({ seed: options.seed ?? 42, people: options.people ?? 40 });
  const state: KlaviyoState = buildKlaviyoState(world, options.clock);
  const sandbox = createKlaviyoSandbox({ ...options, state });
  const get = (url: string, headers: Record<string, string> = KLAVIYO_HEADERS) => sandbox.app.inject({ method: 'GET', url, headers });
  const post = (url: string, body: unknown, headers: Record<string, string> = KLAVIYO_HEADERS) =>
    sandbox.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/vnd.api+json' }, payload: JSON.stringify(body) });
  return { world, state, sandbox, get, post };
}

/** The sandbox listening on a loopback port (connectors are always tested over real HTTP). */
export async function listeningKlaviyoSandbox(options: Parameters<typeof klaviyoTestSandbox>[0] = {}) {
  const sandbox = klaviyoTestSandbox(options);
  const baseUrl = await sandbox.sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    sandbox.sandbox.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** Vendor calls served so far, by "METHOD /route". */
  const calls = () => Object.fromEntries(sandbox.sandbox.calls);
  const resetCalls = () => sandbox.sandbox.calls.clear();
  return { ...sandbox, baseUrl, admin, calls, resetCalls, close: () => sandbox.sandbox.app.close() };
}
