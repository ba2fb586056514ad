import type { Loaders } from './loaders.js';

export interface SubgraphContext {
  loaders: Loaders;
  /** The store's admin handle, for links to the Shopify admin. */
  shopHandle: string;
}
