import type { MetaAdsClient } from '../../connectors/meta-ads/client.js';
import { keyedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: MetaAdsClient) {
  return {
    leadById: keyedLoader((ids) => client.getLeads(ids), (lead) => lead.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
