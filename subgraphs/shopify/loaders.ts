import type { ShopifyClient } from '../../connectors/shopify/client.js';
import { keyedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: ShopifyClient) {
  return {
    customerById: keyedLoader(
      async (gids) => (await client.getCustomers(gids)).filter((c) => c !== undefined),
      (customer) => customer.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
