import type { AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { interpretHubSpotResponse, observeHubSpotUsage } from './throttle.js';

const response = (status: number, data: unknown, headers: Record<string, string> = {}) => ({ status, data, headers }) as unknown as AxiosResponse;
const NOW = Date.parse('2026-11-02T22:00:00.000Z');
const rateBody = (policyName: string, message: string) => ({ status: 'error', message, errorType: 'RATE_LIMIT', correlationId: 'c', policyName, requestId: 'r' });

describe('interpretHubSpotResponse', () => {
  it('passes 2xx through, 207 included (per-input errors are data)', () => {
    expect(interpretHubSpotResponse(response(200, {}))).toBeUndefined();
    expect(interpretHubSpotResponse(response(207, { status: 'COMPLETE', errors: [{}] }))).toBeUndefined();
  });

  it('reads DAILY as throttled, not retryable today, with the wait until the next day', () => {
    expect(interpretHubSpotResponse(response(429, rateBody('DAILY', 'You have reached your daily limit.')), NOW)).toEqual({
      code: 'UPSTREAM_THROTTLED',
      message: 'HubSpot daily limit reached',
      retryable: false,
      retryAfterMs: 2 * 3_600_000,
    });
  });

  it('waits out the rolling window on TEN_SECONDLY_ROLLING, as long as the headers say the window is', () => {
    const body = rateBody('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.');
    expect(interpretHubSpotResponse(response(429, body))).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterMs: 10_000 });
    expect(interpretHubSpotResponse(response(429, body, { 'x-hubspot-ratelimit-interval-milliseconds': '250' }))).toMatchObject({ retryAfterMs: 250 });
    expect(interpretHubSpotResponse(response(429, body))!.retryable).toBeUndefined();
  });

  it('waits one second on the search limit, by policy or by its exact message', () => {
    expect(interpretHubSpotResponse(response(429, rateBody('SECONDLY', 'You have reached your secondly limit.')))).toMatchObject({ retryAfterMs: 1000 });
    expect(interpretHubSpotResponse(response(429, { status: 'error', message: 'You have reached your secondly limit.' }))).toMatchObject({ retryAfterMs: 1000 });
  });

  it('honours Retry-After on any other 429', () => {
    expect(interpretHubSpotResponse(response(429, 'busy', { 'retry-after': '3' }))).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterMs: 3000 });
  });

  it('maps errors by status, naming HubSpot’s category but never its message', () => {
    const body = (category: string) => ({ status: 'error', message: 'jane@example.com is already unsubscribed', category, correlationId: 'x' });
    expect(interpretHubSpotResponse(response(401, body('INVALID_AUTHENTICATION')))).toEqual({ code: 'UPSTREAM_AUTH', message: 'HTTP 401 INVALID_AUTHENTICATION' });
    expect(interpretHubSpotResponse(response(403, body('MISSING_SCOPES')))!.code).toBe('UPSTREAM_AUTH');
    expect(interpretHubSpotResponse(response(404, body('OBJECT_NOT_FOUND')))!.code).toBe('UPSTREAM_NOT_FOUND');
    const bad = interpretHubSpotResponse(response(400, body('VALIDATION_ERROR')))!;
    expect(bad).toEqual({ code: 'UPSTREAM_BAD_REQUEST', message: 'HTTP 400 VALIDATION_ERROR' });
    expect(bad.message).not.toContain('@');
    expect(interpretHubSpotResponse(response(502, '<html>')))!.toEqual({ code: 'UPSTREAM_UNAVAILABLE', message: 'HTTP 502' });
  });
});

describe('observeHubSpotUsage', () => {
  const headers = (remaining: number, max: number, dailyRemaining = 1000, daily = 1000) => ({
    'x-hubspot-ratelimit-remaining': String(remaining),
    'x-hubspot-ratelimit-max': String(max),
    'x-hubspot-ratelimit-interval-milliseconds': '10000',
    'x-hubspot-ratelimit-daily-remaining': String(dailyRemaining),
    'x-hubspot-ratelimit-daily': String(daily),
  });

  it('reports the larger used share of the window and the day', () => {
    expect(observeHubSpotUsage(response(200, {}, headers(95, 190)))).toEqual({ used: 0.5 });
    expect(observeHubSpotUsage(response(200, {}, headers(180, 190, 100, 1000)))).toEqual({ used: 0.9 });
  });

  it('pauses until the window rolls when it is spent', () => {
    expect(observeHubSpotUsage(response(200, {}, headers(0, 190)), NOW)).toEqual({ pauseUntil: NOW + 10_000 });
  });

  it('says nothing without the headers (OAuth calls carry no daily ones)', () => {
    expect(observeHubSpotUsage(response(200, {}))).toBeUndefined();
    expect(observeHubSpotUsage(response(200, {}, { 'x-hubspot-ratelimit-remaining': '10', 'x-hubspot-ratelimit-max': '100' }))).toEqual({ used: 0.9 });
  });
});
