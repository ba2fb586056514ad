import type { HubConfig } from '../../config/env.js';
import type { RunningService } from '../../platform/service.js';
import { openConsentOutbox } from '../../profile/consent/consent-outbox.js';
import { identityRulesFrom } from '../../profile/identity/identity-rules.js';
import type { Stores } from '../../profile/store/create-stores.js';
import { FrequencyService } from '../../profile/frequency/frequency-service.js';
import { startSubgraph } from '../shared/create-subgraph-server.js';
import type { SubgraphContext } from './context.js';
import { resolvers } from './resolvers/index.js';

export const schemaUrl = new URL('./schema.graphql', import.meta.url);

export async function startCustomerSubgraph(config: HubConfig, stores: Stores): Promise<RunningService> {
  // The producer side of the consent outbox; the worker runs in the ingest service.
  const outbox = openConsentOutbox(stores.queues, config);
  const identityRules = identityRulesFrom(config);
  const service = await startSubgraph<SubgraphContext>({
    name: 'customer',
    schemaUrl,
    resolvers,
    // Frequency is built per request (one small object) so it reads the stores' current consent reader.
    context: async () => ({
      stores,
      outbox,
      identityRules,
      frequency: new FrequencyService({ touches: stores.touches, consent: stores.consentState, timeZones: stores.timeZones, settings: config.frequency }),
    }),
    host: config.host,
    port: config.subgraphs.customer.port,
    upstreamSecret: config.upstreamSecret,
  });
  return {
    ...service,
    close: async () => {
      await service.close();
      await outbox.close();
    },
  };
}
