/** Runs the klaviyo subgraph alone (docker-compose); rate budgets are shared through Redis when configured. */
import { createConnectors } from '../../connectors/create-connectors.js';
import { createCache } from '../../platform/cache/create-cache.js';
import { connectRedis } from '../../platform/redis.js';
import { runService } from '../../platform/run-service.js';
import { startKlaviyoSubgraph } from './server.js';

await runService('subgraph-klaviyo', async (config) => {
  const redis = connectRedis(config);
  const subgraph = await startKlaviyoSubgraph(config, createConnectors(config, { redis }), createCache(redis, config.redis?.keyPrefix));
  return [{ name: 'redis', url: redis ? 'redis' : 'none', close: async () => void (await redis?.quit()) }, subgraph];
});
