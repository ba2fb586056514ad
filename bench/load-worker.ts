/**
 * Runs one autocannon load in its own process (so the load generator does not share an event
 * loop with anything it measures) and prints the result as JSON on stdout.
 * Input: a JSON spec file path. Bodies rotate per request, so "cold" loads ask for a different
 * customer every time.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  amount?: number;
  headers: Record<string, string>;
  bodies: string[];
  /** Headers of each body (same index), for requests that must differ beyond their body (signed webhooks). */
  bodyHeaders?: Record<string, string>[];
  /** @default 'application/json' */
  contentType?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** 2xx responses whose GraphQL body carried errors. */
  graphqlErrors: number;
  durationS: number;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
let next = 0;
const instance = autocannon(
  {
    url: spec.url,
    method: 'POST',
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    headers: { 'content-type': spec.contentType ?? 'application/json', ...spec.headers },
    requests: [
      {
        setupRequest: (request) => {
          const i = next++ % spec.bodies.length;
          const extra = spec.bodyHeaders?.[i];
          return { ...request, body: spec.bodies[i], ...(extra ? { headers: { ...request.headers, ...extra } } : {}) };
        },
      },
    ],
    verifyBody: (body) => !String(body ?? '').includes('"errors"'),
  },
  (error: Error | null, result: autocannon.Result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const out: LoadResult = {
      requests: result.requests.total,
      rps: Math.round(result.requests.average * 10) / 10,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      graphqlErrors: result.mismatches,
      durationS: result.duration,
    };
    process.stdout.write(JSON.stringify(out));
  },
);
process.once('SIGINT', () => instance.stop());
