/** Runs the gateway alone (docker-compose); subgraph URLs come from the configuration. */
import { SUBGRAPH_NAMES, type SubgraphName } from '../config/env.js';
import { runService } from '../platform/run-service.js';
import { startGateway } from './server.js';

await runService('gateway', async (config) => {
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].url])) as Record<SubgraphName, string>;
  return [await startGateway(config, urls)];
});
