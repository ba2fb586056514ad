/** Runs the klaviyo subgraph alone (docker-compose). */
import { createConnectors } from '../../connectors/create-connectors.js';
import { runService } from '../../platform/run-service.js';
import { startKlaviyoSubgraph } from './server.js';

await runService('subgraph-klaviyo', async (config) => [await startKlaviyoSubgraph(config, createConnectors(config))]);
