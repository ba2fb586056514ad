/**
 * Every configured vendor sync, in the order they must run: Google Ads last, because its click
 * sync links only gclids the hub already knows (from Meta leads, HubSpot and Shopify landing sites).
 */
import type { Connectors } from '../../connectors/create-connectors.js';
import type { VendorName, VendorSync } from '../../connectors/unified/contracts.js';

export const SYNC_VENDORS = ['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads'] as const satisfies readonly VendorName[];

export function vendorSyncsOf(connectors: Connectors, only?: readonly VendorName[]): VendorSync[] {
  const all = [connectors.hubspot.sync, connectors.shopify.sync, connectors.klaviyo.sync, connectors.meta.sync, connectors.googleAds.sync];
  return all.filter((sync): sync is VendorSync => sync !== undefined && (!only || only.includes(sync.vendor)));
}
