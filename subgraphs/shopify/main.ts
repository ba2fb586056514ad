/** Runs the shopify subgraph alone (docker-compose). */
import { createConnectors } from '../../connectors/create-connectors.js';
import { runService } from '../../platform/run-service.js';
import { startShopifySubgraph } from './server.js';

await runService('subgraph-shopify', async (config) => [await startShopifySubgraph(config, createConnectors(config))]);
