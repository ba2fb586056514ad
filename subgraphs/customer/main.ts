/** Runs the customer subgraph alone (docker-compose). Reads the store the ingest service fills. */
import { runService } from '../../platform/run-service.js';
import { createStores } from '../../profile/store/create-stores.js';
import { startCustomerSubgraph } from './server.js';

await runService('subgraph-customer', async (config) => {
  const stores = createStores(config);
  return [{ name: 'store', url: stores.kind, close: () => stores.close() }, await startCustomerSubgraph(config, stores)];
});
