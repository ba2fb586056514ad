/**
 * The Meta connector bundle: the client, the leadgen webhook handler, the leads sync, and, when
 * the hub hands it the audience ledger, audience sync and consent/erasure write-back.
 */
import type { ConnectorRuntime } from '../http/runtime.js';
import type { AudienceMembership, AudienceMembershipLedger, VendorSync, VendorWebhookHandler, VendorWriteBack } from '../unified/contracts.js';
import { createMetaAudienceSync, type MetaAudienceSync } from './audience-sync.js';
import { createMetaAdsClient, type MetaAdsClient, type MetaClientOptions } from './client.js';
import type { MetaConnection } from './graph-http.js';
import { createMetaLeadSync } from './sync.js';
import { createMetaWebhookHandler } from './webhooks.js';
import { createMetaWriteBack, type MetaWriteBackDeps } from './write-back.js';

export interface MetaAudiences extends MetaAudienceSync {
  /** The audiences the hub placed each customer in (when and why), in the order asked. */
  membershipsOf(customerIds: readonly string[]): Promise<AudienceMembership[][]>;
}

export interface MetaConnector {
  client: MetaAdsClient;
  webhooks: VendorWebhookHandler;
  sync: VendorSync;
  /** Present when the hub passed its audience ledger. */
  writeBack?: VendorWriteBack;
  audiences?: MetaAudiences;
}

export interface MetaConnectorDeps {
  audienceLedger?: AudienceMembershipLedger | undefined;
  client?: MetaClientOptions;
  onAudienceBatch?: MetaWriteBackDeps['onBatch'];
  now?: () => number;
}

export function createMetaConnector(connection: MetaConnection & { verifyToken: string }, runtime: ConnectorRuntime, deps: MetaConnectorDeps = {}): MetaConnector {
  const client = createMetaAdsClient(connection, runtime, deps.client);
  const connector: MetaConnector = {
    client,
    webhooks: createMetaWebhookHandler({ leads: client, appSecret: connection.webhookSecret, verifyToken: connection.verifyToken }),
    sync: createMetaLeadSync({ leads: client }),
  };
  const ledger = deps.audienceLedger;
  if (ledger) {
    const clock = deps.now ? { now: deps.now } : {};
    connector.writeBack = createMetaWriteBack({ client, ledger, onBatch: deps.onAudienceBatch, ...clock });
    connector.audiences = {
      ...createMetaAudienceSync({ client, ledger, ...clock }),
      membershipsOf: (customerIds) => Promise.all(customerIds.map((id) => ledger.audiencesOf('meta', id))),
    };
  }
  return connector;
}
