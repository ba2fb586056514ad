/**
 * `npm run bench` (`-- --quick` for about a minute): starts the hub production-like at two sizes,
 * drives it with autocannon from a separate process, prints a markdown table with ratios and how
 * each figure grows with size, and writes the figures as JSON. Every number comes from this run.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEMO_CLIENT_KEYS } from '../config/demo-clients.js';
import { generateWorld } from '../sandboxes/demo-world/generate.js';
import type { Scenario, ScenarioContext } from './context.js';
import { startHubTopology } from './hub-processes.js';
import { FULL_PLAN, QUICK_PLAN } from './plan.js';
import { renderReport, type BenchRow } from './report.js';
import { customer360 } from './scenarios/customer-360.js';
import { customerList } from './scenarios/customer-list.js';
import { memory } from './scenarios/memory.js';
import { BENCH_FREQUENCY_ENV, reserveTouch } from './scenarios/reserve-touch.js';
import { timeline } from './scenarios/timeline.js';
import { webhookIngest } from './scenarios/webhook-ingest.js';

const quick = process.argv.includes('--quick');
const plan = quick ? QUICK_PLAN : FULL_PLAN;
const SEED = 42;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// The embedded internal demo client unless told otherwise (the gateway refuses anonymous calls).
const HEADERS: Record<string, string> = {
  'x-api-key': process.env.BENCH_API_KEY ?? DEMO_CLIENT_KEYS.internal,
};

/** In order; memory comes last so its peak covers everything before it. */
const SCENARIOS: Scenario[] = [customer360, customerList, timeline, reserveTouch, webhookIngest, memory];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function benchSize(sizeIndex: 0 | 1): Promise<BenchRow[]> {
  const people = plan.sizes[sizeIndex];
  const world = generateWorld({ seed: SEED, people });
  const keyPrefix = `bench:${randomUUID().slice(0, 8)}:`;
  const started = Date.now();
  log(`starting the hub with ${people} people (Redis, compiled, ${plan.latencyMs} ms per vendor call)…`);
  const hub = await startHubTopology({
    people,
    latencyMs: plan.latencyMs,
    redisUrl: REDIS_URL,
    keyPrefix,
    basePort: 5000,
    env: BENCH_FREQUENCY_ENV,
  });
  log(`up after ${Math.round((Date.now() - started) / 1000)} s (incl. the first backfill)`);
  const rows: BenchRow[] = [];
  const context: ScenarioContext = {
    hub,
    world,
    plan,
    sizeIndex,
    people,
    headers: HEADERS,
    redisUrl: REDIS_URL,
    keyPrefix,
    row: (scenario, metrics) => rows.push({ scenario, size: people, metrics }),
    log,
  };
  try {
    for (const scenario of SCENARIOS) await scenario(context);
    return rows;
  } finally {
    await hub.stop();
  }
}

async function main() {
  const rows: BenchRow[] = [];
  for (const sizeIndex of [0, 1] as const) rows.push(...(await benchSize(sizeIndex)));
  const report = renderReport(rows, {
    plan,
    quick,
    command: quick ? 'npm run bench -- --quick' : 'npm run bench',
  });
  process.stdout.write(`${report.markdown}\n`);
  // Results live beside the sources (bench/results), whichever build directory runs this.
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${quick ? 'quick' : 'full'}.json`;
  writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), node: process.version, plan, rows }, null, 2)}\n`);
  log(`figures written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
