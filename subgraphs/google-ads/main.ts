/**
 * Runs the google-ads subgraph alone (docker-compose). The audience ledger comes from the
 * profile's stores (Redis when configured), so it reads the memberships every process writes.
 */
import { createConnectors } from '../../connectors/create-connectors.js';
import { createCache } from '../../platform/cache/create-cache.js';
import { runService } from '../../platform/run-service.js';
import { createStores } from '../../profile/store/create-stores.js';
import { startGoogleAdsSubgraph } from './server.js';

await runService('subgraph-google-ads', async (config) => {
  const stores = createStores(config);
  const connectors = createConnectors(config, { redis: stores.redis, audiences: stores.audiences, identities: stores.identities });
  const subgraph = await startGoogleAdsSubgraph(config, connectors, createCache(stores.redis, config.redis?.keyPrefix));
  return [{ name: 'stores', url: stores.kind, close: () => stores.close() }, subgraph];
});
