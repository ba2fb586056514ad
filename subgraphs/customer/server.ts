import type { HubConfig } from '../../config/env.js';
import type { RunningService } from '../../platform/service.js';
import type { Stores } from '../../profile/store/create-stores.js';
import { FrequencyService } from '../../profile/frequency/frequency-service.js';
import { startSubgraph } from '../shared/create-subgraph-server.js';
import type { SubgraphContext } from './context.js';
import { resolvers } from './resolvers/index.js';

export const schemaUrl = new URL('./schema.graphql', import.meta.url);

export function startCustomerSubgraph(config: HubConfig, stores: Stores): Promise<RunningService> {
  return startSubgraph<SubgraphContext>({
    name: 'customer',
    schemaUrl,
    resolvers,
    // Built per request (one small object) so it always reads the stores' current consent reader.
    context: async () => ({
      stores,
      frequency: new FrequencyService({
        touches: stores.touches,
        consent: stores.consentState,
        timeZones: stores.timeZones,
        settings: config.frequency,
      }),
    }),
    host: config.host,
    port: config.subgraphs.customer.port,
    upstreamSecret: config.upstreamSecret,
  });
}
