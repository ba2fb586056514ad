/**
 * The Shopify connector as the hub wires it: the typed client, the webhook handler (HMAC with
 * the app's client secret), the incremental sync and the write-back.
 */
import type { HubConfig } from '../../config/env.js';
import type { ConnectorRuntime } from '../http/runtime.js';
import { createShopifyClient, type ShopifyClient } from './client.js';
import { createShopifySync } from './sync.js';
import { createShopifyWebhookHandler } from './webhooks/handler.js';
import { createShopifyWriteBack } from './write-back.js';
import type { VendorSync, VendorWebhookHandler, VendorWriteBack } from '../unified/contracts.js';

export interface ShopifyConnector {
  client: ShopifyClient;
  webhooks: VendorWebhookHandler;
  sync: VendorSync;
  writeBack: VendorWriteBack;
}

export function createShopifyConnector(connection: HubConfig['shopify'], runtime: ConnectorRuntime): ShopifyConnector {
  const client = createShopifyClient(connection, runtime);
  return {
    client,
    webhooks: createShopifyWebhookHandler({ secret: connection.webhookSecret }),
    sync: createShopifySync({ client }),
    writeBack: createShopifyWriteBack(client),
  };
}
