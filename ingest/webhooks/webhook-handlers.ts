/** The vendors that send webhooks, by the name in `/webhooks/{vendor}`, with their connector's handler. */
import type { Connectors } from '../../connectors/create-connectors.js';
import type { VendorWebhookHandler } from '../../connectors/unified/contracts.js';
import type { WebhookVendor } from './webhook-job.js';

export type WebhookHandlers = Partial<Record<WebhookVendor, VendorWebhookHandler>>;

export function webhookHandlersOf(connectors: Connectors): WebhookHandlers {
  const handlers: WebhookHandlers = {};
  if (connectors.hubspot.webhooks) handlers.hubspot = connectors.hubspot.webhooks;
  if (connectors.shopify.webhooks) handlers.shopify = connectors.shopify.webhooks;
  if (connectors.klaviyo.webhooks) handlers.klaviyo = connectors.klaviyo.webhooks;
  if (connectors.meta.webhooks) handlers.meta = connectors.meta.webhooks;
  return handlers;
}

export const handlerOf = (handlers: WebhookHandlers, vendor: string): VendorWebhookHandler | undefined =>
  Object.hasOwn(handlers, vendor) ? handlers[vendor as WebhookVendor] : undefined;
