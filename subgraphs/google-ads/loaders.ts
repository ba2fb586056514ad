import type { GoogleAdsClient } from '../../connectors/google-ads/client.js';
import { groupedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: GoogleAdsClient) {
  return {
    clicksByGclid: groupedLoader((gclids) => client.getClicks(gclids), (row) => row.clickView.gclid),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
