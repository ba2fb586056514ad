import type { GoogleAdsClient } from '../../connectors/google-ads/client.js';
import { lastDays } from '../../connectors/google-ads/dates.js';
import { groupedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: GoogleAdsClient) {
  return {
    clicksByGclid: groupedLoader((gclids) => client.clicksByGclid(gclids, lastDays(30, client.today())), (row) => row.clickView.gclid),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
