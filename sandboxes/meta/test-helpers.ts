/** Shared by the Meta sandbox's tests: a sandbox over a small world, and Graph calls through `inject`. */
import { generateWorld } from '../demo-world/generate.js';
import type { DemoWorld } from '../demo-world/world.js';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createMetaSandbox, type MetaSandboxOptions } from './app.js';
import { buildMetaState } from './state.js';

export const TOKEN = SANDBOX_CREDENTIALS.meta.token;
export const ACCOUNT = SANDBOX_CREDENTIALS.meta.adAccountId;
export const PAGE = SANDBOX_CREDENTIALS.meta.pageId;
/** The default world's `now`: insights "today" in tests unless a test moves the clock. */
export const WORLD_NOW = Date.parse('2026-11-01T12:00:00.000Z');

export function metaSandbox(options: Partial<MetaSandboxOptions> & { world?: DemoWorld; clock?: { now: number } } = {}) {
  const world = options.world ?? generateWorld({ seed: 42, people: 40 });
  const clock = options.clock ?? { now: WORLD_NOW };
  const sandbox = createMetaSandbox({ state: buildMetaState(world), now: () => clock.now, ...options });
  const graph = async (method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, unknown> = {}, token: string | null = TOKEN) => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...(token === null ? {} : { access_token: token }), ...params })) {
      form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const response =
      method === 'GET'
        ? await sandbox.app.inject({ method, url: `/v26.0${path}?${form}` })
        : await sandbox.app.inject({ method, url: `/v26.0${path}`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk Graph JSON freely
    return { status: response.statusCode, headers: response.headers, body: response.json() as any };
  };
  return { sandbox, world, clock, graph };
}
