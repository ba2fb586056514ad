/**
 * The gateway: Hive Gateway runtime executing the committed supergraph with the Rust query
 * planner. Subgraph URLs come from the configuration, overriding those recorded at composition.
 */
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { HubConfig, SubgraphName } from '../config/env.js';

/** The committed supergraph, found from this module so it works from any working directory and from dist/. */
const DEFAULT_SUPERGRAPH = new URL('../supergraph.graphql', import.meta.url);

export function createGateway(config: HubConfig, subgraphUrls: Record<SubgraphName, string>) {
  const supergraph = readFileSync(config.gateway.supergraphPath ?? DEFAULT_SUPERGRAPH, 'utf8');
  return createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    transportEntries: Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, location]) => [name, { location }]),
    ),
    upstreamTimeout: config.gateway.subgraphTimeoutMs,
    landingPage: false,
    logging: config.logLevel === 'debug' || config.logLevel === 'trace' ? 'debug' : 'warn',
  });
}

export type Gateway = ReturnType<typeof createGateway>;
