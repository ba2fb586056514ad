/** The Klaviyo connector bundle: client, webhook handler, incremental sync and write-back. */
import type { VendorConnection } from '../../config/env.js';
import type { ConnectorRuntime } from '../http/runtime.js';
import { createKlaviyoClient } from './client.js';
import { createKlaviyoSync } from './sync.js';
import { createKlaviyoWebhookHandler } from './webhooks.js';
import { createKlaviyoWriteBack } from './write-back.js';

export function createKlaviyoConnector(connection: VendorConnection & { revision: string }, runtime: ConnectorRuntime) {
  const client = createKlaviyoClient(connection, runtime);
  return {
    client,
    webhooks: createKlaviyoWebhookHandler({ secret: connection.webhookSecret }),
    sync: createKlaviyoSync(client),
    writeBack: createKlaviyoWriteBack(client),
  };
}
