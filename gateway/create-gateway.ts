/**
 * The gateway: Hive Gateway runtime executing the committed supergraph with the Rust query
 * planner. Subgraph URLs come from the configuration, overriding those recorded at composition.
 * Everything a client meets is a small plugin (gateway/plugins/), in request order:
 * metrics → client auth (401) → rate limit (429) → persisted documents (built in) → APQ →
 * limits → scopes (`@requiresScopes`, built-in generic auth) → response cache → signed subgraph
 * calls carrying the caller.
 */
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { useHmacUpstreamSignature } from '@graphql-mesh/hmac-upstream-signature';
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { HubConfig, SubgraphName } from '../config/env.js';
import { DEMO_CLIENT_KEYS } from '../config/demo-clients.js';
import { demoClientsEnabled } from '../config/gateway-clients.js';
import type { Logger } from '../platform/logger.js';
import { maskUnexpectedErrors } from './mask-errors.js';
import { serializeSignedExecutionRequest } from '../platform/upstream-signature.js';
import { validateClientScopes } from './auth/scope-policy.js';
import { clientOf, type AuthenticatedClient } from './clients/authenticated-client.js';
import { createClientRegistry } from './clients/client-registry.js';
import { createJwtVerifier } from './clients/jwt-verifier.js';
import { renderIdePage } from './ide/ide-page.js';
import type { ApqStore } from './persisted/apq-store.js';
import type { PersistedDocumentStore } from './persisted/document-store.js';
import { persistedDocumentsOptions, useApqRegistration } from './persisted/persisted-documents.js';
import { useAccessLog } from './plugins/useAccessLog.js';
import { useClientAuth } from './plugins/useClientAuth.js';
import { useClientIntrospection } from './plugins/useClientIntrospection.js';
import { useInputErrorCodes } from './plugins/useInputErrorCodes.js';
import { useClientResponseCache } from './plugins/useClientResponseCache.js';
import { useMetrics } from './plugins/useMetrics.js';
import { useOperationLimits } from './plugins/useOperationLimits.js';
import { useRateLimit } from './plugins/useRateLimit.js';
import { useTracing } from './plugins/useTracing.js';
import { useUpstreamCaller } from './plugins/useUpstreamCaller.js';
import type { GatewayMetrics } from './telemetry/gateway-metrics.js';
import type { Redis } from 'ioredis';

/** The committed supergraph, found from this module so it works from any working directory and from dist/. */
const DEFAULT_SUPERGRAPH = new URL('../supergraph.graphql', import.meta.url);

/** Assumed length of a list when estimating an operation's cost (no `@listSize` in Federation 2.5). */
const ASSUMED_LIST_SIZE = 10;

export interface GatewayDependencies {
  metrics: GatewayMetrics;
  logger: Logger;
  documents: PersistedDocumentStore;
  apq: ApqStore;
  /** Shared state (rate limits) when the hub has Redis. */
  redis: Redis | undefined;
  responseCache: Cache | undefined;
}

const DEFAULT_IDE_QUERY = `# Customer Graph Hub. Every request needs a client key: see the Headers tab.
{
  customers(first: 3) {
    edges { node { id identities { kind value } } }
  }
}
`;

export function createGateway(config: HubConfig, subgraphUrls: Record<SubgraphName, string>, deps: GatewayDependencies) {
  const supergraph = readFileSync(config.gateway.supergraphPath ?? DEFAULT_SUPERGRAPH, 'utf8');
  const registry = createClientRegistry(config.gateway.clients);
  const verifyJwt = config.gateway.jwt ? createJwtVerifier(config.gateway.jwt, registry) : undefined;
  const { limits } = config.gateway;
  const log = deps.logger;

  return createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    transportEntries: Object.fromEntries(Object.entries(subgraphUrls).map(([name, location]) => [name, { location }])),
    upstreamTimeout: config.gateway.subgraphTimeoutMs,
    landingPage: false,
    logging: config.logLevel === 'debug' || config.logLevel === 'trace' ? 'debug' : 'warn',
    // Batched requests would multiply the work behind one rate-limit point: off.
    batching: false,
    // Unexpected errors (the gateway's own or a subgraph's) reach clients as `Unexpected error.`.
    maskedErrors: { maskError: maskUnexpectedErrors(log) },
    persistedDocuments: persistedDocumentsOptions(deps.documents, deps.apq),
    genericAuth: {
      mode: 'protect-granular',
      resolveUserFn: (context) => clientOf((context as { request?: Request }).request) ?? null,
      extractScopes: (client: AuthenticatedClient) => [...client.scopes],
      validateUser: validateClientScopes,
    },
    demandControl: { maxCost: limits.maxCost, listSize: ASSUMED_LIST_SIZE, includeExtensionMetadata: false },
    graphiql: config.gateway.ide
      ? {
          title: 'Customer Graph Hub',
          defaultQuery: DEFAULT_IDE_QUERY,
          headers: demoClientsEnabled(config.mode, config.host) ? JSON.stringify({ 'x-api-key': DEMO_CLIENT_KEYS.internal }) : undefined,
        }
      : false,
    renderGraphiQL: (options) => renderIdePage(options as Record<string, unknown>),
    plugins: () => [
      useTracing(),
      // Before the metrics, so they count variable-coercion errors under BAD_USER_INPUT.
      useInputErrorCodes(),
      useMetrics(deps.metrics),
      useAccessLog(log),
      useClientAuth({
        registry,
        verifyJwt,
        idePage: config.gateway.ide,
        onRefused: (reason) => {
          deps.metrics.errors.inc({ client: 'anonymous', operation: 'anonymous', code: 'UNAUTHENTICATED' });
          log.info({ reason }, 'refused an unauthenticated request');
        },
      }),
      useRateLimit({
        redis: deps.redis,
        keyPrefix: config.redis?.keyPrefix,
        onLimited: (client) => {
          deps.metrics.rateLimited.inc({ client: client.name });
          deps.metrics.errors.inc({ client: client.name, operation: 'anonymous', code: 'RATE_LIMITED' });
        },
        onStoreError: (error) => log.warn({ err: error }, 'rate-limit store failed; request let through'),
      }),
      useApqRegistration(deps.apq),
      useOperationLimits(limits),
      useClientIntrospection(),
      ...(config.gateway.responseCacheMaxTtlSeconds > 0
        ? [
            useClientResponseCache({
              maxTtlSeconds: config.gateway.responseCacheMaxTtlSeconds,
              cache: deps.responseCache,
              onHit: (client) => deps.metrics.cacheHits.inc({ client }),
            }),
          ]
        : []),
      // Order matters: the caller goes into the extensions before the signature covers them.
      useUpstreamCaller(),
      // The plugin package types against its own copy of Hive's logger; the hooks are the same.
      useHmacUpstreamSignature({ secret: config.upstreamSecret, serializeExecutionRequest: serializeSignedExecutionRequest }) as unknown as GatewayPlugin,
    ],
  });
}

export type Gateway = ReturnType<typeof createGateway>;
