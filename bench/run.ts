/**
 * `npm run bench` (`-- --quick` for about a minute): starts the hub production-like at two sizes,
 * drives it with autocannon from a separate process, prints a markdown table with ratios and how
 * each figure grows with size, and writes the figures as JSON. Every number comes from this run.
 */
import { DEMO_CLIENT_KEYS } from '../config/demo-clients.js';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateWorld } from '../sandboxes/demo-world/generate.js';
import { body, graphql, sandboxCalls } from './graphql.js';
import { startHubTopology, type HubTopology } from './hub-processes.js';
import { runLoad } from './load.js';
import { CUSTOMER_360, CUSTOMER_LIST, CUSTOMER_PAGE_CURSORS } from './queries.js';
import { renderReport, type BenchRow } from './report.js';

const quick = process.argv.includes('--quick');
const PLAN = quick
  ? { sizes: [200, 2_000], latencyMs: 25, durationS: 3, coldRequests: 60, listPages: 4, connections: 10 }
  : { sizes: [1_000, 100_000], latencyMs: 25, durationS: 10, coldRequests: 300, listPages: 20, connections: 20 };
const SEED = 42;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// The embedded internal demo client unless told otherwise (the gateway refuses anonymous calls).
const HEADERS: Record<string, string> = { 'x-api-key': process.env.BENCH_API_KEY ?? DEMO_CLIENT_KEYS.internal };

async function benchSize(people: number): Promise<BenchRow[]> {
  const world = generateWorld({ seed: SEED, people });
  const started = Date.now();
  process.stderr.write(`[bench] starting the hub with ${people} people (Redis, compiled, ${PLAN.latencyMs} ms per vendor call)…\n`);
  const hub = await startHubTopology({
    people,
    latencyMs: PLAN.latencyMs,
    redisUrl: REDIS_URL,
    keyPrefix: `bench:${randomUUID().slice(0, 8)}:`,
    basePort: 5000,
  });
  process.stderr.write(`[bench] up after ${Math.round((Date.now() - started) / 1000)} s (incl. the first backfill)\n`);
  try {
    return await scenarios(hub, world, people);
  } finally {
    await hub.stop();
  }
}

async function scenarios(hub: HubTopology, world: ReturnType<typeof generateWorld>, people: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (scenario: string, metrics: BenchRow['metrics']) => rows.push({ scenario, size: people, metrics });
  // People held by at least three vendors: a customer-360 read touches most of the graph for them.
  const rich = world.people.filter((p) => [p.hubspot, p.shopify, p.klaviyo].filter(Boolean).length >= 3).map((p) => p.email);

  process.stderr.write('[bench] customer-360, cold\n');
  const coldBodies = rich.slice(0, PLAN.coldRequests).map((email) => body(CUSTOMER_360, { email }));
  const cold = await runLoad({ url: hub.gatewayUrl, connections: 10, amount: coldBodies.length, headers: HEADERS, bodies: coldBodies });
  row('customer-360, cold (distinct people)', {
    'req/s': cold.rps,
    'p50 ms': cold.p50,
    'p99 ms': cold.p99,
    'p50 / vendor latency': round(cold.p50 / PLAN.latencyMs, 2),
    errors: cold.errors + cold.non2xx + cold.graphqlErrors,
  });

  process.stderr.write('[bench] customer-360, warm\n');
  const warmBody = body(CUSTOMER_360, { email: rich[0] });
  await runLoad({ url: hub.gatewayUrl, connections: 1, amount: 5, headers: HEADERS, bodies: [warmBody] });
  const warm = await runLoad({ url: hub.gatewayUrl, connections: PLAN.connections, duration: PLAN.durationS, headers: HEADERS, bodies: [warmBody] });
  row('customer-360, warm (one person)', {
    'req/s': warm.rps,
    'p50 ms': warm.p50,
    'p99 ms': warm.p99,
    errors: warm.errors + warm.non2xx + warm.graphqlErrors,
  });

  process.stderr.write('[bench] customers(first: 50), every vendor field\n');
  const cursors: (string | null)[] = [null];
  while (cursors.length < PLAN.listPages) {
    const page = await graphql<{ customers: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
      hub.gatewayUrl,
      CUSTOMER_PAGE_CURSORS,
      { after: cursors.at(-1) },
      HEADERS,
    );
    if (!page.customers.pageInfo.hasNextPage) break;
    cursors.push(page.customers.pageInfo.endCursor);
  }
  const before = await sandboxCalls(hub.sandboxUrls);
  const list = await runLoad({
    url: hub.gatewayUrl,
    connections: 4,
    amount: cursors.length,
    headers: HEADERS,
    bodies: cursors.map((after) => body(CUSTOMER_LIST, { after })),
  });
  const calls = (await sandboxCalls(hub.sandboxUrls)) - before;
  row('customers(first: 50), cold pages', {
    'req/s': list.rps,
    'p50 ms': list.p50,
    'p99 ms': list.p99,
    'vendor calls / request': round(calls / Math.max(list.requests, 1), 2),
    errors: list.errors + list.non2xx + list.graphqlErrors,
  });

  const rss = hub.peakRssMiB();
  const subgraphs = Object.entries(rss).filter(([name]) => name.startsWith('subgraph:'));
  row('memory, peak RSS', {
    'gateway MiB': rss.gateway ?? Number.NaN,
    'largest subgraph MiB': Math.max(...subgraphs.map(([, v]) => v)),
    'all subgraphs MiB': round(subgraphs.reduce((sum, [, v]) => sum + v, 0), 1),
  });
  return rows;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  const rows: BenchRow[] = [];
  for (const size of PLAN.sizes) rows.push(...(await benchSize(size)));
  const report = renderReport(rows, { plan: PLAN, quick, command: quick ? 'npm run bench -- --quick' : 'npm run bench' });
  process.stdout.write(`${report.markdown}\n`);
  // Results live beside the sources (bench/results), whichever build directory runs this.
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${quick ? 'quick' : 'full'}.json`;
  writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), node: process.version, plan: PLAN, rows }, null, 2)}\n`);
  process.stderr.write(`[bench] figures written to ${file}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
