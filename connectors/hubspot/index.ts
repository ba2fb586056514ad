/**
 * The HubSpot connector as the hub wires it: the client, and over it the webhook handler,
 * incremental sync and write-back, sharing one reader of the account's marketing subscription types.
 */
import type { HubSpotConnection } from '../../config/env.js';
import type { ConnectorRuntime } from '../http/runtime.js';
import type { VendorSync, VendorWebhookHandler, VendorWriteBack } from '../unified/contracts.js';
import { createHubSpotClient, type HubSpotClient } from './client.js';
import { createMarketingSubscriptionsReader } from './marketing-subscriptions.js';
import { createHubSpotSync } from './sync/sync.js';
import { createHubSpotWebhookHandler } from './webhooks.js';
import { createHubSpotWriteBack } from './write-back.js';

export interface HubSpotConnector {
  client: HubSpotClient;
  webhooks: VendorWebhookHandler;
  sync: VendorSync;
  writeBack: VendorWriteBack;
}

export function createHubSpotConnector(connection: HubSpotConnection, runtime: ConnectorRuntime): HubSpotConnector {
  const client = createHubSpotClient(connection, runtime);
  const marketing = createMarketingSubscriptionsReader(client);
  return {
    client,
    webhooks: createHubSpotWebhookHandler({ client, clientSecret: connection.webhookSecret, marketing }),
    sync: createHubSpotSync({ client, marketing }),
    writeBack: createHubSpotWriteBack(client, marketing),
  };
}
