/** Runs the hubspot subgraph alone (docker-compose). */
import { createConnectors } from '../../connectors/create-connectors.js';
import { runService } from '../../platform/run-service.js';
import { startHubSpotSubgraph } from './server.js';

await runService('subgraph-hubspot', async (config) => [await startHubSpotSubgraph(config, createConnectors(config))]);
