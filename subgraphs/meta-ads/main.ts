/** Runs the meta-ads subgraph alone (docker-compose): the audience ledger, rate budgets and cache are shared through Redis when configured. */
import { createConnectors } from '../../connectors/create-connectors.js';
import { createCache } from '../../platform/cache/create-cache.js';
import { runService } from '../../platform/run-service.js';
import { createStores } from '../../profile/store/create-stores.js';
import { startMetaAdsSubgraph } from './server.js';

await runService('subgraph-meta-ads', async (config) => {
  const stores = createStores(config);
  const connectors = createConnectors(config, { redis: stores.redis, audiences: stores.audiences });
  const subgraph = await startMetaAdsSubgraph(config, connectors, createCache(stores.redis, config.redis?.keyPrefix));
  return [{ name: 'store', url: stores.kind, close: () => stores.close() }, subgraph];
});
