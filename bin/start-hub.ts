/**
 * Starts the whole hub in one process: sandboxes (where no real vendor is configured), store,
 * ingest (with its first backfill), the six subgraphs and the gateway. Used by `npm start` and by
 * the end-to-end tests, which pass port 0 everywhere to run side by side.
 */
import type { HubConfig, SubgraphName, Vendor } from '../config/env.js';
import { createConnectors, type Connectors } from '../connectors/create-connectors.js';
import { startGateway } from '../gateway/server.js';
import { startIngest } from '../ingest/server.js';
import type { Cache } from '../platform/cache/cache.js';
import { createCache } from '../platform/cache/create-cache.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { closeAll, type RunningService } from '../platform/service.js';
import { startTracing } from '../platform/tracing.js';
import { createStores, type Stores } from '../profile/store/create-stores.js';
import { startSandboxes, type RunningSandbox } from '../sandboxes/start.js';
import { startCustomerSubgraph } from '../subgraphs/customer/server.js';
import { startGoogleAdsSubgraph } from '../subgraphs/google-ads/server.js';
import { startHubSpotSubgraph } from '../subgraphs/hubspot/server.js';
import { startKlaviyoSubgraph } from '../subgraphs/klaviyo/server.js';
import { startMetaAdsSubgraph } from '../subgraphs/meta-ads/server.js';
import { startShopifySubgraph } from '../subgraphs/shopify/server.js';

export interface RunningHub {
  config: HubConfig;
  gatewayUrl: string;
  services: RunningService[];
  sandboxes: RunningSandbox[];
  stores: Stores;
  /** The connectors every service of this hub shares (tests drive uploads and syncs through them). */
  connectors: Connectors;
  /** The vendor-read cache the subgraphs share (ingest invalidates it; tests inspect it). */
  cache: Cache;
  logger: Logger;
  close(): Promise<void>;
}

const CONNECTION_OF: Record<Vendor, 'hubspot' | 'shopify' | 'klaviyo' | 'meta' | 'googleAds'> = {
  hubspot: 'hubspot',
  shopify: 'shopify',
  klaviyo: 'klaviyo',
  meta: 'meta',
  'google-ads': 'googleAds',
};

/** Points each sandbox-backed connection at the port its sandbox actually bound. */
export function withSandboxUrls(config: HubConfig, sandboxes: RunningSandbox[]): HubConfig {
  const next = { ...config };
  for (const sandbox of sandboxes) {
    const key = CONNECTION_OF[sandbox.vendor];
    if (config[key].target === 'sandbox') next[key] = { ...config[key], baseUrl: sandbox.url } as never;
  }
  return next;
}

export async function startHub(initial: HubConfig, logger = createLogger('hub', initial.logLevel)): Promise<RunningHub> {
  const services: RunningService[] = [];
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; one trace spans gateway, subgraphs and vendor calls.
  services.push({ name: 'tracing', url: initial.otlpEndpoint ?? '', close: startTracing('customer-graph-hub', initial.otlpEndpoint) });
  const stores = createStores(initial);
  try {
    const sandboxes = await startSandboxes(initial);
    services.push(...sandboxes);
    const config = withSandboxUrls(initial, sandboxes);
    const connectors = createConnectors(config, { redis: stores.redis, audiences: stores.audiences, identities: stores.identities });
    // Vendor reads cached across requests (and across processes with Redis); ingest invalidates.
    const cache = createCache(stores.redis, config.redis?.keyPrefix);

    const ingest = await startIngest({ config, connectors, stores, cache, logger: logger.child({ service: 'ingest' }) });
    services.push(ingest);
    // Only now is ingest's port known (0 in tests): the sandboxes send their webhooks there.
    for (const { sandbox, vendor } of sandboxes) sandbox.webhooks.target = `${ingest.url}/webhooks/${vendor}`;

    const subgraphs: Record<SubgraphName, RunningService> = {
      customer: await startCustomerSubgraph(config, stores),
      hubspot: await startHubSpotSubgraph(config, connectors, cache),
      shopify: await startShopifySubgraph(config, connectors, cache),
      klaviyo: await startKlaviyoSubgraph(config, connectors, cache),
      'meta-ads': await startMetaAdsSubgraph(config, connectors, cache),
      'google-ads': await startGoogleAdsSubgraph(config, connectors, cache),
    };
    services.push(...Object.values(subgraphs));
    const urls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])) as Record<SubgraphName, string>;
    const gateway = await startGateway(config, urls, logger.child({ service: 'gateway' }));
    services.push(gateway);

    return {
      config,
      gatewayUrl: gateway.url,
      services,
      sandboxes,
      stores,
      connectors,
      cache,
      logger,
      close: async () => {
        await closeAll(services, (name, error) => logger.error({ err: error, service: name }, 'failed to stop'));
        await stores.close();
      },
    };
  } catch (error) {
    await closeAll(services, () => {});
    await stores.close();
    throw error;
  }
}
