/**
 * Starts a whole hub for an end-to-end test: every port 0, so suites run side by side, and the
 * embedded defaults otherwise. `gql` posts to the gateway like any client would.
 */
import { loadConfig } from '../../config/env.js';
import { DEMO_CLIENT_KEYS } from '../../config/demo-clients.js';
import { signParams } from '../../platform/upstream-signature.js';
import { startHub, type RunningHub } from '../../bin/start-hub.js';
import type { Logger } from '../../platform/logger.js';
import { DEFAULT_WORLD_NOW } from '../../sandboxes/demo-world/generate.js';

const PORT_KEYS = [
  'GATEWAY_PORT',
  'CUSTOMER_SUBGRAPH_PORT',
  'HUBSPOT_SUBGRAPH_PORT',
  'SHOPIFY_SUBGRAPH_PORT',
  'KLAVIYO_SUBGRAPH_PORT',
  'META_ADS_SUBGRAPH_PORT',
  'GOOGLE_ADS_SUBGRAPH_PORT',
  'INGEST_PORT',
  'HUBSPOT_SANDBOX_PORT',
  'SHOPIFY_SANDBOX_PORT',
  'KLAVIYO_SANDBOX_PORT',
  'META_SANDBOX_PORT',
  'GOOGLE_ADS_SANDBOX_PORT',
];

/** `logger`: the hub's logger (default: one at LOG_LEVEL, silent); log tests pass one writing to a stream they read. */
export async function startTestHub(env: Record<string, string> = {}, logger?: Logger): Promise<RunningHub> {
  const ports = Object.fromEntries(PORT_KEYS.map((key) => [key, '0']));
  // The gateway's response cache is off unless a test turns it on: suites that write (webhooks,
  // consent, reservations) then read must not see an answer cached before their write.
  // The demo world is pinned: tests name its dates, and the Google Ads clock follows it.
  // Ingest resolves only people at start, and its sync scheduler is off: a test syncs when it means
  // to (INGEST_STARTUP_BACKFILL=full gives the start-up `npm start` does).
  const config = loadConfig({
    ...ports,
    LOG_LEVEL: 'silent',
    GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: '0',
    SANDBOX_WORLD_NOW: DEFAULT_WORLD_NOW,
    INGEST_STARTUP_BACKFILL: 'identities',
    INGEST_SYNC_INTERVAL_MS: '0',
    // The ad-exposure feed likewise: tests run it directly (ingest/exposure).
    INGEST_EXPOSURE_INTERVAL_MS: '0',
    ...env,
  });
  return logger ? startHub(config, logger) : startHub(config);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Headers of the embedded internal demo client (every scope), which `gql` sends unless told otherwise. */
export const INTERNAL_CLIENT = { 'x-api-key': DEMO_CLIENT_KEYS.internal };
export const PARTNER_CLIENT = { 'x-api-key': DEMO_CLIENT_KEYS.partner };

/** Posts a query as the internal demo client; pass `headers` to call as another client (or `{}` as nobody). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = INTERNAL_CLIENT,
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse<T>) };
}

/**
 * Posts straight to one subgraph, signed as the gateway signs (subgraphs refuse anything else):
 * for tests of a subgraph's own HTTP answer (headers, `_entities`). No caller: the call carries
 * no scopes, as the gateway's own `@requires` fetches do not either.
 */
export async function subgraphPost(hub: RunningHub, subgraph: string, body: { query: string; variables?: Record<string, unknown> }): Promise<Response> {
  const service = hub.services.find((s) => s.name === `subgraph:${subgraph}`);
  if (!service) throw new Error(`no subgraph named ${subgraph}`);
  const signed = { ...body, extensions: signParams(hub.config.upstreamSecret, body) };
  return fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signed) });
}
