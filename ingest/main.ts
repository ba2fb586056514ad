/** Runs the ingest service alone (docker-compose). Shares state with the subgraphs through Redis. */
import { createConnectors } from '../connectors/create-connectors.js';
import { createCache } from '../platform/cache/create-cache.js';
import { runService } from '../platform/run-service.js';
import { createStores } from '../profile/store/create-stores.js';
import { startIngest } from './server.js';

await runService('ingest', async (config, logger) => {
  const stores = createStores(config);
  const connectors = createConnectors(config, { redis: stores.redis, audiences: stores.audiences, identities: stores.identities });
  // The same cache the subgraphs read through: ingest drops the entries of changed records.
  const cache = createCache(stores.redis, config.redis?.keyPrefix);
  const ingest = await startIngest({ config, connectors, stores, logger, cache });
  return [{ name: 'store', url: stores.kind, close: () => stores.close() }, ingest];
});
