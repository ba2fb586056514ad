/**
 * How much the gateway's plugins cost: requests/s on one simple query (customer subgraph only)
 * through (1) the bare runtime (Rust planner + the upstream signature subgraphs demand), (2) the
 * full gateway with its response cache off, (3) the full gateway with its cache on. autocannon
 * runs in a child process so it does not share the gateways' event loop.
 * Rounds alternate the three, and the median of each is reported: the machine is shared, so a
 * single run says little.
 *   npx tsx scripts/gateway-bench.ts [--duration 10] [--connections 20] [--rounds 3]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { useHmacUpstreamSignature } from '@graphql-mesh/hmac-upstream-signature';
import { startHub } from '../bin/start-hub.js';
import { loadConfig, type SubgraphName } from '../config/env.js';
import { DEMO_CLIENT_KEYS } from '../config/demo-clients.js';
import { startGateway } from '../gateway/server.js';
import { serializeSignedExecutionRequest } from '../platform/upstream-signature.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const duration = arg('duration', 10);
const connections = arg('connections', 20);
const rounds = arg('rounds', 3);
const QUERY = '{ customers(first: 5) { edges { node { id identities { kind } } } } }';

// Asynchronous on purpose: the gateways under test share this process's event loop.
async function autocannon(url: string, seconds = duration): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    [
      'node_modules/autocannon/autocannon.js', '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST',
      '-H', 'content-type=application/json', '-H', `x-api-key=${DEMO_CLIENT_KEYS.internal}`, '-b', JSON.stringify({ query: QUERY }), url,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(out);
  if (!result.requests.average) console.error('autocannon:', JSON.stringify({ errors: result.errors, timeouts: result.timeouts, statusCodeStats: result.statusCodeStats, url }));
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const ports = Object.fromEntries(
  ['GATEWAY_PORT', 'CUSTOMER_SUBGRAPH_PORT', 'HUBSPOT_SUBGRAPH_PORT', 'SHOPIFY_SUBGRAPH_PORT', 'KLAVIYO_SUBGRAPH_PORT', 'META_ADS_SUBGRAPH_PORT',
    'GOOGLE_ADS_SUBGRAPH_PORT', 'INGEST_PORT', 'HUBSPOT_SANDBOX_PORT', 'SHOPIFY_SANDBOX_PORT', 'KLAVIYO_SANDBOX_PORT', 'META_SANDBOX_PORT', 'GOOGLE_ADS_SANDBOX_PORT'].map((k) => [k, '0']),
);
const config = loadConfig({ ...ports, LOG_LEVEL: 'silent', GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: '0' });
const hub = await startHub(config);
const urls = Object.fromEntries(
  hub.services.filter((s) => s.name.startsWith('subgraph:')).map((s) => [s.name.slice('subgraph:'.length), s.url]),
) as Record<SubgraphName, string>;

// (1) The bare runtime, as the walking skeleton had it, plus the signature subgraphs now require.
const bare = createGatewayRuntime({
  supergraph: readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'),
  unifiedGraphHandler,
  transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
  landingPage: false,
  logging: false,
  plugins: () => [useHmacUpstreamSignature({ secret: hub.config.upstreamSecret, serializeExecutionRequest: serializeSignedExecutionRequest }) as unknown as GatewayPlugin],
});
const bareServer = createServer(bare);
await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/graphql`;
// (3) The full gateway with its response cache on.
const cached = await startGateway({ ...hub.config, gateway: { ...hub.config.gateway, port: 0, responseCacheMaxTtlSeconds: 60 } }, urls);

const targets = [['bare runtime', bareUrl], ['full gateway, cache off', hub.gatewayUrl], ['full gateway, cache on', cached.url]] as const;
for (const [, url] of targets) await autocannon(url, 3); // warm-up (planner caches, JIT), not reported
const runs = new Map<string, Awaited<ReturnType<typeof autocannon>>[]>();
for (let round = 0; round < rounds; round++) {
  for (const [name, url] of targets) runs.set(name, [...(runs.get(name) ?? []), await autocannon(url)]);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\n${connections} connections × ${duration} s × ${rounds} rounds (median), query: ${QUERY}\n`);
console.log('| gateway | req/s (median) | req/s per round | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|---|');
for (const [name, results] of runs) {
  console.log(
    `| ${name} | ${median(results.map((r) => r.rps))} | ${results.map((r) => r.rps).join(', ')} | ${median(results.map((r) => r.p50))} | ${median(results.map((r) => r.p99))} | ${results.reduce((n, r) => n + r.non2xx, 0)} |`,
  );
}

await cached.close();
await new Promise((resolve) => bareServer.close(resolve));
await bare[Symbol.asyncDispose]();
await hub.close();
