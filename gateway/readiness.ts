/**
 * Readiness: every subgraph answers a trivial query. A gateway whose subgraphs are unreachable
 * is up (`/healthz`) but not ready (`/readyz`), so load balancers keep traffic away from it.
 * The probe is signed like any gateway call: subgraphs answer nothing unsigned.
 */
import { request } from 'node:http';
import { signParams } from '../platform/upstream-signature.js';

export interface SubgraphProbe {
  name: string;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const PROBE_QUERY = '{ __typename }';

/** One POST without keep-alive, so probes never hold connections that delay a subgraph's shutdown. */
function probe(url: string, timeoutMs: number, secret: string): Promise<void> {
  const body = JSON.stringify({ query: PROBE_QUERY, extensions: signParams(secret, { query: PROBE_QUERY }) });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode === 200 && body.includes('"data"')) resolve();
          else reject(new Error(`HTTP ${res.statusCode}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export async function probeSubgraphs(subgraphs: Record<string, string>, secret: string, timeoutMs = 1500): Promise<SubgraphProbe[]> {
  return Promise.all(
    Object.entries(subgraphs).map(async ([name, url]) => {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        await probe(url, timeoutMs, secret);
        return { name, ok: true, latencyMs: latency() };
      } catch (error) {
        return { name, ok: false, latencyMs: latency(), error: (error as Error).message };
      }
    }),
  );
}
