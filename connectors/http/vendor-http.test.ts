/**
 * The HTTP core against a real, deliberately flaky upstream on loopback: retries, the vendor's
 * wait, the breaker, timeouts, and no credential in anything it reports.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, closeServer } from '../../platform/listen.js';
import { VendorError } from './errors.js';
import { createRateGovernor } from './governor.js';
import { createVendorHttp, type VendorCallEvent, type VendorHttpOptions } from './vendor-http.js';

const TOKEN = 'secret-token-never-logged';
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

describe('createVendorHttp', () => {
  let server: Server;
  let baseURL: string;
  let handler: Handler;
  let hits: number;

  beforeEach(async () => {
    hits = 0;
    server = createServer((req, res) => handler(req, res, ++hits));
    baseURL = `http://127.0.0.1:${await listen(server, '127.0.0.1', 0)}`;
  });
  afterEach(async () => closeServer(server));

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  const http = (options: Partial<VendorHttpOptions> = {}) =>
    createVendorHttp({
      vendor: 'acme',
      baseURL,
      headers: { authorization: `Bearer ${TOKEN}` },
      timeoutMs: 500,
      retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 2000 },
      breaker: false,
      ...options,
    });

  it('retries a 5xx and returns the success that follows', async () => {
    handler = (_req, res, n) => (n < 3 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: n }));
    await expect(http().request('things.get', { url: '/things' })).resolves.toEqual({ ok: 3 });
    expect(hits).toBe(3);
  });

  it('waits as long as Retry-After says, and pauses the shared budget meanwhile', async () => {
    const governor = createRateGovernor({ key: 'acme:1', points: 100, durationMs: 1000 });
    const waits: number[] = [];
    handler = (_req, res, n) => (n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true }));
    const client = http({ governor, onRetry: (e) => waits.push(e.waitMs) });
    const pending = client.request('things.get', { url: '/things' });
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toBe(1);
    // Another caller of the same account is held back by the pause the 429 set.
    await expect(governor.acquire(1, Date.now() + 100)).rejects.toThrow(/deadline/);
    await expect(pending).resolves.toEqual({ ok: true });
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(hits).toBe(2);
  });

  it('never retries a refusal of the credentials', async () => {
    handler = (_req, res) => json(res, 401, { error: 'bad token' });
    const error = await http().request('things.get', { url: '/things' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', status: 401, retryable: false, vendor: 'acme', operation: 'things.get' });
    expect(hits).toBe(1);
  });

  it('lets a connector read vendor-specific problems out of a 200', async () => {
    handler = (_req, res, n) => json(res, 200, n === 1 ? { errors: [{ code: 'THROTTLED' }] } : { data: 'fine' });
    const client = http({
      interpret: (response) =>
        (response.data as { errors?: unknown[] }).errors ? { code: 'UPSTREAM_THROTTLED', message: 'THROTTLED', retryAfterMs: 10 } : undefined,
    });
    await expect(client.request('q', { url: '/' })).resolves.toEqual({ data: 'fine' });
    expect(hits).toBe(2);
  });

  it('times out a vendor that does not answer', async () => {
    handler = () => {};
    const error = await http({ retry: { maxAttempts: 1 }, timeoutMs: 50 }).request('slow', { url: '/' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
  });

  it('opens the breaker on a failing vendor, fails fast, and closes again once it recovers', async () => {
    let down = true;
    handler = (_req, res) => (down ? json(res, 503, {}) : json(res, 200, { ok: true }));
    const client = http({ retry: { maxAttempts: 1 }, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 150 } });
    for (let i = 0; i < 3; i++) await client.request('x', { url: '/' }).catch(() => {});
    const before = hits;
    const fast = await client.request('x', { url: '/' }).catch((e: unknown) => e);
    expect(fast).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringMatching(/circuit open/) });
    expect(hits).toBe(before); // failed without calling the vendor
    down = false;
    await new Promise((r) => setTimeout(r, 200));
    await expect(client.request('x', { url: '/' })).resolves.toEqual({ ok: true });
    client.close();
  });

  it('reports every attempt without URLs, headers or credentials', async () => {
    const events: VendorCallEvent[] = [];
    const retries: unknown[] = [];
    handler = (_req, res, n) => (n === 1 ? json(res, 500, {}) : json(res, 200, {}));
    await http({ onCall: (e) => events.push(e), onRetry: (e) => retries.push(e) }).request('things.list', { url: `/things?token=${TOKEN}` });
    expect(events.map((e) => e.outcome)).toEqual(['UPSTREAM_UNAVAILABLE', 'ok']);
    expect(JSON.stringify([events, retries])).not.toContain(TOKEN);
    handler = () => {};
    const error = (await http({ retry: { maxAttempts: 1 }, timeoutMs: 20 }).request('t', { url: '/' }).catch((e: unknown) => e)) as Error;
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(TOKEN);
  });
});
