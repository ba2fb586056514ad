/** Builds every vendor client from the configuration: sandbox or live is decided there, not here. */
import type { HubConfig } from '../config/env.js';
import { createGoogleAdsClient, type GoogleAdsClient } from './google-ads/client.js';
import { createHubSpotClient, type HubSpotClient } from './hubspot/client.js';
import { createKlaviyoClient, type KlaviyoClient } from './klaviyo/client.js';
import { createMetaAdsClient, type MetaAdsClient } from './meta-ads/client.js';
import { createShopifyClient, type ShopifyClient } from './shopify/client.js';

export interface Connectors {
  hubspot: HubSpotClient;
  shopify: ShopifyClient;
  klaviyo: KlaviyoClient;
  meta: MetaAdsClient;
  googleAds: GoogleAdsClient;
}

export function createConnectors(config: HubConfig): Connectors {
  const options = { timeoutMs: config.vendorTimeoutMs };
  return {
    hubspot: createHubSpotClient(config.hubspot, options),
    shopify: createShopifyClient(config.shopify, options),
    klaviyo: createKlaviyoClient(config.klaviyo, options),
    meta: createMetaAdsClient(config.meta, options),
    googleAds: createGoogleAdsClient(config.googleAds, options),
  };
}
