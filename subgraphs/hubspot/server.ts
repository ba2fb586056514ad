import type { HubConfig } from '../../config/env.js';
import type { Connectors } from '../../connectors/create-connectors.js';
import type { Cache } from '../../platform/cache/cache.js';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import type { RunningService } from '../../platform/service.js';
import { startSubgraph } from '../shared/create-subgraph-server.js';
import type { SubgraphContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export const schemaUrl = new URL('./schema.graphql', import.meta.url);

export function startHubSpotSubgraph(config: HubConfig, connectors: Connectors, cache: Cache = new MemoryCache()): Promise<RunningService> {
  return startSubgraph<SubgraphContext>({
    name: 'hubspot',
    schemaUrl,
    resolvers,
    // Fresh loaders per request: batching within a request; sharing across requests goes through the cache.
    context: async () => ({ loaders: createLoaders(connectors.hubspot.client, cache, config.vendorTimeouts.hubspot) }),
    host: config.host,
    port: config.subgraphs['hubspot'].port,
    upstreamSecret: config.upstreamSecret,
  });
}
