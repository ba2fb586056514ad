/** Runs the meta-ads subgraph alone (docker-compose). */
import { createConnectors } from '../../connectors/create-connectors.js';
import { runService } from '../../platform/run-service.js';
import { startMetaAdsSubgraph } from './server.js';

await runService('subgraph-meta-ads', async (config) => [await startMetaAdsSubgraph(config, createConnectors(config))]);
