import type { AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { interpretKlaviyoResponse, observeKlaviyoUsage } from './throttle.js';

const response = (status: number, data: unknown, headers: Record<string, string> = {}) => ({ status, data, headers }) as unknown as AxiosResponse;
const throttledBody = (seconds: number) => ({
  errors: [{ id: 'x', status: 429, code: 'throttled', title: 'Request was throttled.', detail: `Request was throttled. Expected available in ${seconds} seconds.` }],
});

describe('interpretKlaviyoResponse', () => {
  it('reads a 429 with Retry-After as throttled for that long', () => {
    expect(interpretKlaviyoResponse(response(429, throttledBody(7), { 'retry-after': '7' }))).toEqual({
      code: 'UPSTREAM_THROTTLED',
      message: 'throttled (HTTP 429)',
      retryAfterMs: 7000,
    });
  });

  it('falls back to the wait in the detail, then to one second', () => {
    expect(interpretKlaviyoResponse(response(429, throttledBody(12)))?.retryAfterMs).toBe(12_000);
    expect(interpretKlaviyoResponse(response(429, {}))?.retryAfterMs).toBe(1000);
  });

  it('maps the other statuses and keeps error details (which can echo emails) out of the message', () => {
    const body = { errors: [{ code: 'invalid', title: 'Invalid input.', detail: 'jane@example.com is not valid' }] };
    const bad = interpretKlaviyoResponse(response(400, body))!;
    expect(bad).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', message: 'HTTP 400 invalid' });
    expect(bad.message).not.toContain('jane');
    expect(interpretKlaviyoResponse(response(401, { errors: [{ code: 'not_authenticated' }] }))?.code).toBe('UPSTREAM_AUTH');
    expect(interpretKlaviyoResponse(response(403, {}))?.code).toBe('UPSTREAM_AUTH');
    expect(interpretKlaviyoResponse(response(404, {}))?.code).toBe('UPSTREAM_NOT_FOUND');
    expect(interpretKlaviyoResponse(response(503, {}))?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(interpretKlaviyoResponse(response(200, { data: [] }))).toBeUndefined();
    expect(interpretKlaviyoResponse(response(202, ''))).toBeUndefined();
  });
});

describe('observeKlaviyoUsage', () => {
  it('reports the share of the steady window used', () => {
    expect(observeKlaviyoUsage(response(200, {}, { 'ratelimit-limit': '750', 'ratelimit-remaining': '150', 'ratelimit-reset': '30' }))).toEqual({ used: 0.8 });
  });

  it('pauses until the window resets when nothing remains', () => {
    const now = 1_000_000;
    expect(observeKlaviyoUsage(response(200, {}, { 'ratelimit-limit': '750', 'ratelimit-remaining': '0', 'ratelimit-reset': '42' }), now)).toEqual({ pauseUntil: now + 42_000 });
  });

  it('reads the structured header form, and nothing without headers', () => {
    expect(observeKlaviyoUsage(response(200, {}, { 'ratelimit-limit': '100, 100;w=60', 'ratelimit-remaining': '75' }))).toEqual({ used: 0.25 });
    expect(observeKlaviyoUsage(response(429, {}, { 'retry-after': '3' }))).toBeUndefined();
  });
});
