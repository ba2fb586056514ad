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

export function startKlaviyoSubgraph(config: HubConfig, connectors: Connectors, cache: Cache = new MemoryCache()): Promise<RunningService> {
  return startSubgraph<SubgraphContext>({
    name: 'klaviyo',
    schemaUrl,
    resolvers,
    // Fresh loaders per request: batching within a request; across requests only the cache is shared.
    context: async () => ({ loaders: createLoaders(connectors.klaviyo.client, cache, { deadlineMs: config.vendorTimeouts.klaviyo }) }),
    host: config.host,
    port: config.subgraphs['klaviyo'].port,
    upstreamSecret: config.upstreamSecret,
  });
}
