import type { HubConfig } from '../../config/env.js';
import type { Connectors } from '../../connectors/create-connectors.js';
import type { Cache } from '../../platform/cache/cache.js';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import type { RunningService } from '../../platform/service.js';
import { startSubgraph } from '../shared/create-subgraph-server.js';
import type { SubgraphContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const schemaUrl = new URL('./schema.graphql', import.meta.url);

/** `{handle}` of `https://{handle}.myshopify.com`, for links into the Shopify admin; none for a sandbox. */
export function shopHandleOf(baseUrl: string): string {
  return /^https:\/\/([a-z0-9][a-z0-9-]*)\.myshopify\.com/i.exec(baseUrl)?.[1] ?? '';
}

export function startShopifySubgraph(config: HubConfig, connectors: Connectors, cache: Cache = new MemoryCache()): Promise<RunningService> {
  const shopHandle = shopHandleOf(config.shopify.baseUrl);
  return startSubgraph<SubgraphContext>({
    name: 'shopify',
    schemaUrl,
    resolvers,
    // Fresh loaders per request: batching within a request; the cache is what is shared across requests.
    context: async () => ({ loaders: createLoaders(connectors.shopify.client, cache, { readBudgetMs: config.vendorTimeouts.shopify }), shopHandle }),
    host: config.host,
    port: config.subgraphs['shopify'].port,
    upstreamSecret: config.upstreamSecret,
  });
}
