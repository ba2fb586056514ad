/**
 * Builds every vendor connector from the configuration: sandbox or live is decided there, not
 * here. A connector bundles the vendor's typed client with what the rest of the hub programs
 * against (connectors/unified/contracts.ts): its webhook handler, incremental sync and write-back.
 */
import type { HubConfig, Vendor } from '../config/env.js';
import { pinnedWorldClock } from '../config/sandbox-clock.js';
import type { ConnectorRuntime } from './http/runtime.js';
import type { AudienceMembershipLedger, VendorSync, VendorWebhookHandler, VendorWriteBack } from './unified/contracts.js';
import { createGoogleAdsConnector, type GoogleAdsConnector } from './google-ads/connector.js';
import { RedisUploadedConversionLog } from './google-ads/redis-conversion-log.js';
import type { IdentityDirectory } from './google-ads/sync.js';
import type { HubSpotClient } from './hubspot/client.js';
import { createHubSpotConnector } from './hubspot/index.js';
import type { KlaviyoClient } from './klaviyo/client.js';
import { createKlaviyoConnector } from './klaviyo/connector.js';
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
  googleAds: GoogleAdsConnector;
}

/** Process-level dependencies: Redis shares rate budgets across processes; hooks feed telemetry. */
export interface ConnectorDependencies extends Omit<ConnectorRuntime, 'timeoutMs'> {
  /** The hub's audience ledger (profile/audiences): ad platforms upload and remove people only through it. */
  audiences?: AudienceMembershipLedger;
  /** Finds hub customers by identifier (the identity store): the Google Ads click sync links only known gclids. */
  identities?: IdentityDirectory;
}

export function createConnectors(config: HubConfig, deps: ConnectorDependencies = {}): Connectors {
  const { audiences, identities, ...runtime } = deps;
  const options: ConnectorRuntime = {
    timeoutMs: config.vendorTimeoutMs,
    keyPrefix: config.redis?.keyPrefix,
    budgets: config.vendorRateLimits,
    ...runtime,
  };
  // Each vendor's calls are bounded by its own timeout (HUBSPOT_TIMEOUT_MS, ...; else VENDOR_TIMEOUT_MS).
  const of = (vendor: Vendor): ConnectorRuntime => ({ ...options, timeoutMs: config.vendorTimeouts[vendor] });
  return {
    hubspot: createHubSpotConnector(config.hubspot, of('hubspot')),
    shopify: createShopifyConnector(config.shopify, of('shopify')),
    klaviyo: createKlaviyoConnector(config.klaviyo, of('klaviyo')),
    meta: createMetaConnector(config.meta, of('meta'), { audienceLedger: audiences }),
    googleAds: createGoogleAdsConnector(config.googleAds, of('google-ads'), {
      audiences,
      identities,
      // With Redis every process shares the record of uploaded conversions; without it, memory.
      conversionLog: options.redis ? new RedisUploadedConversionLog(options.redis, options.keyPrefix ?? '') : undefined,
      // Against the sandbox of a pinned demo world, "today" is the world's (as the sandbox's is).
      now: config.googleAds.target === 'sandbox' ? pinnedWorldClock(config.sandboxes.worldNow) : undefined,
    }),
  };
}
