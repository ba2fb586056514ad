/**
 * The gateway's Prometheus metrics (prom-client), in a registry of its own so several hubs in one
 * process (tests) never share counters. Labels are bounded: client names come from configuration,
 * operation names are capped in length and fall back to "anonymous", codes are a closed set.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'client' | 'operation' | 'status'>;
  duration: Histogram<'client' | 'operation'>;
  errors: Counter<'client' | 'operation' | 'code'>;
  upstreamRequests: Counter<'subgraph' | 'status'>;
  upstreamDuration: Histogram<'subgraph'>;
  rateLimited: Counter<'client'>;
  cacheHits: Counter<'client'>;
}

export function createGatewayMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'hub_gateway_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'hub_gateway_requests_total',
      help: 'GraphQL requests answered, by client, operation and HTTP status.',
      labelNames: ['client', 'operation', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'hub_gateway_request_duration_seconds',
      help: 'Time from request to response, by client and operation.',
      labelNames: ['client', 'operation'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    errors: new Counter({
      name: 'hub_gateway_errors_total',
      help: 'Errors returned to clients, by client, operation and stable code.',
      labelNames: ['client', 'operation', 'code'],
      registers,
    }),
    upstreamRequests: new Counter({
      name: 'hub_gateway_upstream_requests_total',
      help: 'Calls from the gateway to subgraphs, by subgraph and HTTP status.',
      labelNames: ['subgraph', 'status'],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'hub_gateway_upstream_duration_seconds',
      help: 'Duration of gateway→subgraph calls.',
      labelNames: ['subgraph'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    rateLimited: new Counter({
      name: 'hub_gateway_rate_limited_total',
      help: 'Requests refused with 429 by the per-client rate limit.',
      labelNames: ['client'],
      registers,
    }),
    cacheHits: new Counter({
      name: 'hub_gateway_response_cache_hits_total',
      help: 'Responses served from the response cache, without calling any subgraph.',
      labelNames: ['client'],
      registers,
    }),
  };
}
