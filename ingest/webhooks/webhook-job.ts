/**
 * A verified webhook delivery as it waits in the queue: everything the connector's `toBatch`
 * needs to rebuild the request, with the raw bytes as base64 (job data must survive JSON).
 */
import type { VendorName, WebhookRequest } from '../../connectors/unified/contracts.js';

export const WEBHOOK_QUEUE = 'ingest-webhooks';

export type WebhookVendor = Exclude<VendorName, 'google-ads'>;

export interface WebhookJob {
  vendor: WebhookVendor;
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  rawBodyBase64: string;
  receivedAt: string;
}

/** The queue's job id: the same for every redelivery of one delivery, so a replay is not queued twice. */
export const webhookJobId = (vendor: WebhookVendor, deliveryKey: string) => `${vendor}:${deliveryKey}`;

export function toWebhookJob(vendor: WebhookVendor, request: WebhookRequest, receivedAt: string): WebhookJob {
  return {
    vendor,
    method: request.method,
    url: request.url,
    headers: request.headers,
    query: request.query,
    rawBodyBase64: request.rawBody.toString('base64'),
    receivedAt,
  };
}

export function toWebhookRequest(job: WebhookJob): WebhookRequest {
  return { method: job.method, url: job.url, headers: job.headers, query: job.query, rawBody: Buffer.from(job.rawBodyBase64, 'base64') };
}
