/**
 * The gateway's HTTP server: GraphQL at /graphql (and the offline IDE's page there, its assets
 * under /ide/), `/healthz` (the process is up), `/readyz` (every subgraph is reachable) and
 * `/metrics` (Prometheus). Bodies larger than the configured limit are refused before the
 * gateway reads them. Stopping closes the listener, disposes the runtime (which otherwise keeps
 * the event loop alive), the manifest watcher and the Redis connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import type { HubConfig, SubgraphName } from '../config/env.js';
import { closeServer, listen } from '../platform/listen.js';
import { createLogger, type Logger } from '../platform/logger.js';
import type { RunningService } from '../platform/service.js';
import { createRedisResponseCache } from './cache/redis-response-cache.js';
import { createGateway } from './create-gateway.js';
import { GATEWAY_ERRORS, type GatewayErrorCode } from './errors.js';
import { createIdeAssets } from './ide/ide-assets.js';
import { createApqStore } from './persisted/apq-store.js';
import { createDocumentStore } from './persisted/create-document-store.js';
import type { PersistedDocumentStore } from './persisted/document-store.js';
import { probeSubgraphs } from './readiness.js';
import { createGatewayMetrics, type GatewayMetrics } from './telemetry/gateway-metrics.js';

export interface RunningGateway extends RunningService {
  metrics: GatewayMetrics;
  documents: PersistedDocumentStore;
}

function refuse(res: ServerResponse, code: GatewayErrorCode, metrics: GatewayMetrics) {
  metrics.errors.inc({ client: 'anonymous', operation: 'anonymous', code });
  const body = JSON.stringify({ errors: [{ message: GATEWAY_ERRORS[code].message, extensions: { code } }] });
  // The unread body stays on the socket: close it rather than reuse it.
  res.writeHead(GATEWAY_ERRORS[code].status, { 'content-type': 'application/json', connection: 'close' }).end(body);
}

/** Body-size guard: a declared length over the limit, or a body with no declared length, is refused. */
function bodyRefusal(req: IncomingMessage, maxBytes: number): GatewayErrorCode | undefined {
  if (req.method !== 'POST') return undefined;
  const length = req.headers['content-length'];
  if (length === undefined) return req.headers['transfer-encoding'] ? 'LENGTH_REQUIRED' : undefined;
  return Number(length) > maxBytes ? 'REQUEST_TOO_LARGE' : undefined;
}

export async function startGateway(
  config: HubConfig,
  subgraphUrls: Record<SubgraphName, string>,
  logger: Logger = createLogger('gateway', config.logLevel),
): Promise<RunningGateway> {
  const redis = config.redis ? new Redis(config.redis.url, { maxRetriesPerRequest: 2 }) : undefined;
  const keyPrefix = config.redis?.keyPrefix ?? 'hub:';
  const metrics = createGatewayMetrics();
  const documents = await createDocumentStore(config, redis, {
    watch: true,
    onError: (file, error) => logger.error({ err: error, file }, 'persisted-operation manifest refused'),
  });
  const gateway = createGateway(config, subgraphUrls, {
    metrics,
    logger,
    documents,
    apq: createApqStore(redis, keyPrefix),
    redis,
    responseCache: redis ? createRedisResponseCache(redis, keyPrefix) : undefined,
  });
  const ideAsset = config.gateway.ide ? createIdeAssets() : () => undefined;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      void probeSubgraphs(subgraphUrls, config.upstreamSecret).then((subgraphs) => {
        const ready = subgraphs.every((s) => s.ok);
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs }));
      });
      return;
    }
    if (path === '/metrics') {
      void metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
      return;
    }
    const asset = req.method === 'GET' ? ideAsset(path) : undefined;
    if (asset) {
      res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' }).end(asset.body);
      return;
    }
    const refusal = bodyRefusal(req, config.gateway.limits.maxBodyBytes);
    if (refusal) {
      refuse(res, refusal, metrics);
      return;
    }
    void gateway(req, res);
  });
  const port = await listen(server, config.host, config.gateway.port);
  return {
    name: 'gateway',
    url: `http://${config.host}:${port}/graphql`,
    metrics,
    documents,
    close: async () => {
      await closeServer(server);
      await gateway[Symbol.asyncDispose]();
      await documents.close();
      redis?.disconnect();
    },
  };
}
