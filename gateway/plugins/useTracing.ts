/**
 * Gateway spans (OpenTelemetry): one server span per request, continuing the caller's trace when
 * it sends `traceparent`, and one client span per subgraph call, whose context travels to the
 * subgraph in `traceparent` so its span (and the vendor calls under it) join the same trace.
 * Attributes name the client, operation, status and subgraph; never documents nor variables.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { trace, type Span } from '@opentelemetry/api';
import { contextFromHeaders, headersForSpan, SpanKind, SpanStatusCode, startSpan, tracingEnabled } from '../../platform/tracing.js';
import { clientOf } from '../clients/authenticated-client.js';
import { operationLabel } from './useMetrics.js';

export function useTracing(): GatewayPlugin {
  const spans = new WeakMap<Request, Span>();
  return {
    onRequest({ request }) {
      if (!tracingEnabled()) return;
      const path = new URL(request.url).pathname;
      spans.set(request, startSpan(`gateway ${request.method} ${path}`, SpanKind.SERVER, { 'http.request.method': request.method, 'url.path': path }, contextFromHeaders(request.headers)));
    },
    onFetch({ executionRequest, options, setOptions, context }) {
      const parent = spans.get((context as { request?: Request } | undefined)?.request as Request);
      if (!parent || !executionRequest) return;
      const subgraph = executionRequest.subgraphName ?? 'unknown';
      const span = startSpan(`gateway → ${subgraph}`, SpanKind.CLIENT, { 'hub.subgraph': subgraph }, trace.setSpan(contextFromHeaders({}), parent));
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...headersForSpan(span) } });
      return ({ response }) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      span.setAttributes({
        'hub.client': clientOf(request)?.name ?? 'anonymous',
        'graphql.operation.name': operationLabel(request),
        'http.response.status_code': response.status,
      });
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
