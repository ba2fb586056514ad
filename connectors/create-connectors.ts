/**
 * Builds every vendor connector from the configuration: sandbox or live is decided there, not
 * here. A connector bundles the vendor's typed client with what the rest of the hub programs
 * against (connectors/unified/contracts.ts): its webhook handler, incremental sync and write-back.
 */
import type { HubConfig } from '../config/env.js';
import type { ConnectorRuntime } from './http/runtime.js';
import type { AudienceMembershipLedger, VendorSync, VendorWebhookHandler, VendorWriteBack } from './unified/contracts.js';
import { createGoogleAdsClient, type GoogleAdsClient } from './google-ads/client.js';
import { createHubSpotClient, type HubSpotClient } from './hubspot/client.js';
import { createKlaviyoClient, type KlaviyoClient } from './klaviyo/client.js';
import { createMetaConnector, type MetaConnector } from './meta-ads/connector.js';
import type { ShopifyClient } from './shopify/client.js';
import { createShopifyConnector } from './shopify/connector.js';

export interface VendorConnector<TClient> {
  client: TClient;
  /** Absent for vendors without webhooks (Google Ads). */
  webhooks?: VendorWebhookHandler;
  sync?: VendorSync;
  writeBack?: VendorWriteBack;
}

export interface Connectors {
  hubspot: VendorConnector<HubSpotClient>;
  shopify: VendorConnector<ShopifyClient>;
  klaviyo: VendorConnector<KlaviyoClient>;
  meta: MetaConnector;
  googleAds: VendorConnector<GoogleAdsClient>;
}

/** Process-level dependencies: Redis shares rate budgets across processes; hooks feed telemetry. */
export type ConnectorDependencies = Omit<ConnectorRuntime, 'timeoutMs'> & {
  /** The hub's record of ad audience placements (profile/audiences), injected: connectors never import profile. */
  audienceLedger?: AudienceMembershipLedger;
};

export function createConnectors(config: HubConfig, deps: ConnectorDependencies = {}): Connectors {
  const { audienceLedger, ...runtime } = deps;
  const options: ConnectorRuntime = {
    timeoutMs: config.vendorTimeoutMs,
    keyPrefix: config.redis?.keyPrefix,
    budgets: config.vendorRateLimits,
    ...runtime,
  };
  return {
    hubspot: { client: createHubSpotClient(config.hubspot, options) },
    shopify: createShopifyConnector(config.shopify, options),
    klaviyo: { client: createKlaviyoClient(config.klaviyo, options) },
    meta: createMetaConnector(config.meta, options, { audienceLedger }),
    googleAds: { client: createGoogleAdsClient(config.googleAds, options) },
  };
}
