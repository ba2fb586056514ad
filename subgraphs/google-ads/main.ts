/** Runs the google-ads subgraph alone (docker-compose). */
import { createConnectors } from '../../connectors/create-connectors.js';
import { runService } from '../../platform/run-service.js';
import { startGoogleAdsSubgraph } from './server.js';

await runService('subgraph-google-ads', async (config) => [await startGoogleAdsSubgraph(config, createConnectors(config))]);
