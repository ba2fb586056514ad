import type { HubConfig } from '../../config/env.js';
import type { RunningService } from '../../platform/service.js';
import { identityRulesFrom } from '../../profile/identity/identity-rules.js';
import type { Stores } from '../../profile/store/create-stores.js';
import { startSubgraph } from '../shared/create-subgraph-server.js';
import type { SubgraphContext } from './context.js';
import { resolvers } from './resolvers/index.js';

export const schemaUrl = new URL('./schema.graphql', import.meta.url);

export function startCustomerSubgraph(config: HubConfig, stores: Stores): Promise<RunningService> {
  const identityRules = identityRulesFrom(config);
  return startSubgraph<SubgraphContext>({
    name: 'customer',
    schemaUrl,
    resolvers,
    context: async () => ({ stores, identityRules }),
    host: config.host,
    port: config.subgraphs.customer.port,
    upstreamSecret: config.upstreamSecret,
  });
}
