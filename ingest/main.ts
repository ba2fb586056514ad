/** Runs the ingest service alone (docker-compose). Shares state with the subgraphs through Redis. */
import { createConnectors } from '../connectors/create-connectors.js';
import { runService } from '../platform/run-service.js';
import { createStores } from '../profile/store/create-stores.js';
import { startIngest } from './server.js';

await runService('ingest', async (config, logger) => {
  const stores = createStores(config);
  const ingest = await startIngest({ config, connectors: createConnectors(config, { redis: stores.redis, audiences: stores.audiences, identities: stores.identities }), stores, logger });
  return [{ name: 'store', url: stores.kind, close: () => stores.close() }, ingest];
});
