/**
 * Reaching a test hub's ingest and sandboxes the way an operator or a vendor would: over HTTP.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { Vendor } from '../../config/env.js';
import type { RunningHub } from '../../bin/start-hub.js';
import type { RunningIngest } from '../../ingest/server.js';

export function ingestOf(hub: RunningHub): RunningIngest {
  const ingest = hub.services.find((s) => s.name === 'ingest');
  if (!ingest) throw new Error('the hub runs no ingest');
  return ingest as RunningIngest;
}

export function sandboxUrl(hub: RunningHub, vendor: Vendor): string {
  const sandbox = hub.sandboxes.find((s) => s.vendor === vendor);
  if (!sandbox) throw new Error(`no ${vendor} sandbox`);
  return sandbox.url;
}

/** Calls a sandbox's admin API (`/__sandbox{path}`); actions there send the vendor's signed webhooks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk admin JSON freely
export async function sandboxAdmin(hub: RunningHub, vendor: Vendor, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sandboxUrl(hub, vendor)}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Posts bytes to ingest's webhook route, signed as the Shopify sandbox signs (or with `signature`). */
export async function postShopifyWebhook(hub: RunningHub, topic: string, body: string, signature?: string, webhookId: string = randomUUID()): Promise<Response> {
  const hmac = signature ?? createHmac('sha256', SANDBOX_CREDENTIALS.shopify.webhookSecret).update(body).digest('base64');
  return fetch(`${ingestOf(hub).url}/webhooks/shopify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': hmac, 'x-shopify-webhook-id': webhookId },
    body,
  });
}
