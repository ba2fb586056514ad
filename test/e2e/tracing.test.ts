/**
 * One trace across the hub: a client's `traceparent` is continued by the gateway, carried to each
 * subgraph, and the vendor calls a subgraph makes hang under its span. Spans are received by an
 * OTLP/HTTP endpoint on loopback, as a collector would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, INTERNAL_CLIENT, startTestHub } from '../support/hub.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

let hub: RunningHub;
let collector: Server;
const spans: ExportedSpan[] = [];

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  hub = await startTestHub({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => collector?.close(resolve));
});

it('links gateway, subgraph and vendor spans into the caller’s trace', async () => {
  const traceId = 'a3c5e7f90b1d2e3f405162738495a6b7';
  const clientSpanId = '1122334455667788';
  const { data } = await gql(hub.gatewayUrl, '{ customer(email: "sam.silva1@mail.example") { id hubspot { id } } }', undefined, {
    ...INTERNAL_CLIENT,
    traceparent: `00-${traceId}-${clientSpanId}-01`,
  });
  expect(data!.customer.hubspot.id).toBe('100008');
  await hub.close(); // flushes the span batch to the collector
  hub = undefined as never;

  const ours = spans.filter((s) => s.traceId === traceId);
  const byName = (name: string) => ours.find((s) => s.name === name);
  const gateway = byName('gateway POST /graphql')!;
  expect(gateway.parentSpanId).toBe(clientSpanId);
  for (const subgraph of ['customer', 'hubspot']) {
    const call = byName(`gateway → ${subgraph}`)!;
    expect(call.parentSpanId).toBe(gateway.spanId);
    expect(byName(`subgraph ${subgraph}`)!.parentSpanId).toBe(call.spanId);
  }
  const vendorCalls = ours.filter((s) => s.name.startsWith('hubspot '));
  expect(vendorCalls.length).toBeGreaterThan(0);
  for (const call of vendorCalls) expect(call.parentSpanId).toBe(byName('subgraph hubspot')!.spanId);
});
