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

export function startGoogleAdsSubgraph(config: HubConfig, connectors: Connectors, cache: Cache = new MemoryCache()): Promise<RunningService> {
  const google = connectors.googleAds;
  return startSubgraph<SubgraphContext>({
    name: 'google-ads',
    schemaUrl,
    resolvers,
    // Fresh loaders per request: batching within a request; the cache carries reads across requests.
    context: async () => ({ loaders: createLoaders(google, cache), today: google.client.today() }),
    host: config.host,
    port: config.subgraphs['google-ads'].port,
    upstreamSecret: config.upstreamSecret,
  });
}
