/**
 * The Shopify webhook handler ingest calls for `POST /webhooks/shopify`: verifies the HMAC over
 * the raw bytes, names the delivery by `X-Shopify-Webhook-Id` (the same on every retry of one
 * delivery, so a redelivery changes nothing), and maps the body by `X-Shopify-Topic`. The header
 * names of Shopify's newer "Events" deliveries (`shopify-hmac-sha256`, ...) are read too.
 * @see https://shopify.dev/docs/apps/build/webhooks/delivery-structure
 */
import { createHash } from 'node:crypto';
import { VendorError } from '../../http/errors.js';
import type { VendorWebhookHandler, WebhookRequest } from '../../unified/contracts.js';
import { webhookToBatch } from './to-batch.js';
import { verifyShopifyHmac } from './verify.js';

const header = (request: WebhookRequest, name: string) => request.headers[`x-shopify-${name}`] ?? request.headers[`shopify-${name}`];

export function createShopifyWebhookHandler(options: { secret: string | undefined; now?: () => number }): VendorWebhookHandler {
  const now = options.now ?? Date.now;
  return {
    vendor: 'shopify',
    verify: (request) => verifyShopifyHmac(request.rawBody, header(request, 'hmac-sha256'), options.secret),
    deliveryKey: (request) => `shopify:${header(request, 'webhook-id') ?? createHash('sha256').update(request.rawBody).digest('hex')}`,
    async toBatch(request) {
      let body: unknown;
      try {
        body = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        throw new VendorError('webhook body is not JSON', { vendor: 'shopify', operation: 'webhook', code: 'UPSTREAM_BAD_RESPONSE', retryable: false });
      }
      const triggered = header(request, 'triggered-at');
      const triggeredAt = triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered).toISOString() : new Date(now()).toISOString();
      return webhookToBatch(header(request, 'topic') ?? '', body, triggeredAt);
    },
  };
}
