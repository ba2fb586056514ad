/**
 * A Google Ads sandbox over a small demo world for tests, on the world's own clock (so TODAY and
 * the click_view window are fixed), answering through `app.inject`.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { generateWorld } from '../demo-world/generate.js';
import type { DemoWorld } from '../demo-world/world.js';
import { createGoogleAdsSandbox, type GoogleAdsSandboxOptions } from './app.js';
import { buildGoogleAdsState, type GoogleAdsState } from './state.js';

export const CUSTOMER_ID = SANDBOX_CREDENTIALS.googleAds.customerId;
export const AUTH = { authorization: `Bearer ${SANDBOX_CREDENTIALS.googleAds.token}` };

export function googleAdsFixture(options: Partial<GoogleAdsSandboxOptions> = {}, world: DemoWorld = generateWorld({ seed: 42, people: 40 })) {
  const state: GoogleAdsState = options.state ?? buildGoogleAdsState(world, CUSTOMER_ID);
  const sandbox = createGoogleAdsSandbox({ now: () => Date.parse(world.now), ...options, state });
  const post = async (path: string, payload: unknown, headers: Record<string, string> = AUTH) => {
    const response = await sandbox.app.inject({ method: 'POST', url: `/v26/customers/${CUSTOMER_ID}${path}`, headers, payload: payload as object });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
    return { status: response.statusCode, body: response.json() as any };
  };
  const search = (query: string, extra: Record<string, unknown> = {}) => post('/googleAds:search', { query, ...extra });
  const stream = (query: string) => post('/googleAds:searchStream', { query });
  return { world, state, sandbox, post, search, stream };
}

/** The first GoogleAdsFailure error of a REST error body (searchStream wraps it in an array). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- error bodies are walked freely
export function firstError(body: any): { errorCode: Record<string, string>; message: string; location?: unknown; details?: any } {
  const envelope = Array.isArray(body) ? body[0] : body;
  return envelope.error.details[0].errors[0];
}
