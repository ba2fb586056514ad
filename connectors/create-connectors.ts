/**
 * Builds every vendor connector from the configuration: sandbox or live is decided there, not
 * here. A connector bundles the vendor's typed client with what the rest of the hub programs
 * against (connectors/unified/contracts.ts): its webhook handler, incremental sync and write-back.
 */
import type { HubConfig } from '../config/env.js';
import type { ConnectorRuntime } from './http/runtime.js';
import type { VendorSync, VendorWebhookHandler, VendorWriteBack } from './unified/contracts.js';
import { createGoogleAdsClient, type GoogleAdsClient } from './google-ads/client.js';
import type { HubSpotClient } from './hubspot/client.js';
import { createHubSpotConnector } from './hubspot/index.js';
import { createKlaviyoClient, type KlaviyoClient } from './klaviyo/client.js';
import { createMetaAdsClient, type MetaAdsClient } from './meta-ads/client.js';
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
  meta: VendorConnector<MetaAdsClient>;
  googleAds: VendorConnector<GoogleAdsClient>;
}

/** Process-level dependencies: Redis shares rate budgets across processes; hooks feed telemetry. */
export type ConnectorDependencies = Omit<ConnectorRuntime, 'timeoutMs'>;

export function createConnectors(config: HubConfig, deps: ConnectorDependencies = {}): Connectors {
  const options: ConnectorRuntime = {
    timeoutMs: config.vendorTimeoutMs,
    keyPrefix: config.redis?.keyPrefix,
    budgets: config.vendorRateLimits,
    ...deps,
  };
  return {
    hubspot: createHubSpotConnector(config.hubspot, options),
    shopify: createShopifyConnector(config.shopify, options),
    klaviyo: { client: createKlaviyoClient(config.klaviyo, options) },
    meta: { client: createMetaAdsClient(config.meta, options) },
    googleAds: { client: createGoogleAdsClient(config.googleAds, options) },
  };
}
