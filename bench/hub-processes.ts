import { randomBytes } from 'node:crypto';
/**
 * Starts the hub as production runs it: compiled code (`dist/`), one process per service (the
 * docker-compose topology without containers), the Redis adapters, and the sandboxes standing in
 * for the vendors with a fixed added latency. Each process's peak RSS is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

export interface HubTopologyOptions {
  people: number;
  latencyMs: number;
  redisUrl: string;
  /** Each run gets its own key prefix on the shared Redis, deleted afterwards. */
  keyPrefix: string;
  basePort: number;
  /** Extra environment for every process (e.g. API keys, policies). */
  env?: Record<string, string>;
}

export interface HubTopology {
  gatewayUrl: string;
  ingestUrl: string;
  sandboxUrls: Record<string, string>;
  processes: { name: string; child: ChildProcess }[];
  /** Peak resident set size per process, in MiB (VmHWM). */
  peakRssMiB(): Record<string, number>;
  /** CPU time (user + system) each process has used so far, in ms. */
  cpuMs(): Record<string, number>;
  stop(): Promise<void>;
}

const SUBGRAPHS = ['customer', 'hubspot', 'shopify', 'klaviyo', 'meta-ads', 'google-ads'] as const;
const SANDBOXES = { hubspot: 101, shopify: 102, klaviyo: 103, meta: 104, 'google-ads': 105 } as const;

export async function startHubTopology(options: HubTopologyOptions): Promise<HubTopology> {
  const p = options.basePort;
  const host = '127.0.0.1';
  const url = (port: number, path = '') => `http://${host}:${port}${path}`;
  const envName = (name: string) => name.toUpperCase().replace('-', '_');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HUB_HOST: host,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.keyPrefix,
    SANDBOXES: 'off',
    SANDBOX_PEOPLE: String(options.people),
    SANDBOX_LATENCY_MS: String(options.latencyMs),
    // The bench measures the hub, not the vendors' quotas: the sandboxes do not throttle and the
    // governors are given budgets no single machine can spend.
    SANDBOX_THROTTLING: 'off',
    // Gateway and subgraphs run as separate processes: they must share the signing secret.
    HUB_UPSTREAM_SECRET: randomBytes(32).toString('hex'),
    ...Object.fromEntries(['HUBSPOT', 'SHOPIFY', 'KLAVIYO', 'META', 'GOOGLE_ADS'].map((v) => [`${v}_RATE_LIMIT`, '1000000/1s'])),
    GATEWAY_PORT: String(p),
    INGEST_PORT: String(p + 10),
    INGEST_PUBLIC_URL: url(p + 10),
    // People only at start, and no background syncs while scenarios measure.
    INGEST_STARTUP_BACKFILL: 'identities',
    INGEST_SYNC_INTERVAL_MS: '0',
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((name, i) => [
        [`${envName(name)}_SUBGRAPH_PORT`, String(p + 1 + i)],
        [`${envName(name)}_SUBGRAPH_URL`, url(p + 1 + i, '/graphql')],
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(SANDBOXES).flatMap(([vendor, offset]) => [
        [`${envName(vendor)}_SANDBOX_PORT`, String(p + offset)],
        [`${envName(vendor)}_BASE_URL`, url(p + offset)],
      ]),
    ),
    ...options.env,
  };

  const processes: HubTopology['processes'] = [];
  const start = (name: string, script: string, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [script], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`[bench] ${name} exited with ${code}\n${stderr}\n`);
    });
    processes.push({ name, child });
  };

  const stop = async () => {
    for (const { child } of [...processes].reverse()) child.kill('SIGTERM');
    await Promise.all(processes.map(({ child }) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))));
    const redis = new Redis(options.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${options.keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  };

  try {
    start('sandboxes', 'dist/sandboxes/main.js', { SANDBOXES: 'on' });
    await waitFor(url(p + SANDBOXES.hubspot, '/__sandbox/controls'), 120_000);
    // Ingest listens only after its first backfill has filled the store.
    start('ingest', 'dist/ingest/main.js');
    await waitFor(url(p + 10, '/healthz'), 30 * 60_000);
    for (const name of SUBGRAPHS) start(`subgraph:${name}`, `dist/subgraphs/${name}/main.js`);
    start('gateway', 'dist/gateway/main.js');
    await waitFor(url(p, '/readyz'), 60_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    gatewayUrl: url(p, '/graphql'),
    ingestUrl: url(p + 10),
    sandboxUrls: Object.fromEntries(Object.entries(SANDBOXES).map(([v, o]) => [v, url(p + o)])),
    processes,
    peakRssMiB: () =>
      Object.fromEntries(processes.map(({ name, child }) => [name, child.pid ? peakRss(child.pid) : Number.NaN])),
    cpuMs: () => Object.fromEntries(processes.map(({ name, child }) => [name, child.pid ? cpuTime(child.pid) : Number.NaN])),
    stop,
  };
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms on Linux). */
function cpuTime(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function waitFor(target: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${target} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
