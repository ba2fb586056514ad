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

export function startMetaAdsSubgraph(
  config: HubConfig,
  connectors: Connectors,
  cache: Cache = new MemoryCache(),
  now: () => number = Date.now,
): Promise<RunningService> {
  return startSubgraph<SubgraphContext>({
    name: 'meta-ads',
    schemaUrl,
    resolvers,
    // Fresh loaders per request: batching within a request; sharing across requests goes through the cache.
    context: async () => ({ loaders: createLoaders(connectors.meta, cache, { readBudgetMs: config.vendorTimeouts.meta }), now }),
    host: config.host,
    port: config.subgraphs['meta-ads'].port,
    upstreamSecret: config.upstreamSecret,
  });
}
