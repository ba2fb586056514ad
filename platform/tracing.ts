/**
 * OpenTelemetry tracing across the hub: gateway request → subgraph call → vendor call, one trace,
 * linked by W3C `traceparent` headers between processes and by async context within one. Off by
 * default: with no `OTEL_EXPORTER_OTLP_ENDPOINT`, no provider is registered and every call below
 * is the API's no-op. With it, spans go to that OTLP/HTTP endpoint (`/v1/traces`) in batches.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

const tracer = () => trace.getTracer('customer-graph-hub');
let provider: TracerProvider | undefined;

/** Starts exporting spans for this process (once); returns a shutdown that flushes them. */
export function startTracing(serviceName: string, otlpEndpoint: string | undefined): () => Promise<void> {
  if (!otlpEndpoint || provider) return async () => {};
  const url = `${otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: 1000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const started = provider;
  return async () => {
    await started.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    provider = undefined;
  };
}

export const tracingEnabled = () => provider !== undefined;

/** The context carried by incoming headers (`traceparent`), for a server span to continue. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined> | Headers): Context {
  const carrier: Record<string, string> = {};
  // Fetch headers may come from a ponyfill (whatwg-node), not the global class: test by shape.
  if (typeof (headers as Headers).get === 'function') (headers as Headers).forEach((value, key) => (carrier[key] = value));
  else for (const [key, value] of Object.entries(headers)) if (typeof value === 'string') carrier[key] = value;
  return propagation.extract(context.active(), carrier);
}

/** The headers that carry a span's context to the next process. */
export function headersForSpan(span: Span): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier;
}

export function startSpan(name: string, kind: SpanKind, attributes: Attributes, parent: Context = context.active()): Span {
  return tracer().startSpan(name, { kind, attributes }, parent);
}

/** Runs `work` inside a span (child of the active one), recording failure. */
export async function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, work: () => Promise<T>, parent?: Context): Promise<T> {
  if (!provider) return work();
  const span = startSpan(name, kind, attributes, parent);
  try {
    return await context.with(trace.setSpan(parent ?? context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind, SpanStatusCode };
