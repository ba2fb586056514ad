import type { AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { interpretGoogleAdsResponse, parseDuration, retryDelayMs, rpcError } from './throttle.js';

const response = (status: number, data: unknown) => ({ status, data, headers: {} }) as AxiosResponse;
const failure = (code: number, status: string, errors: unknown[]) => ({
  error: { code, message: 'x', status, details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors }] },
});
const quota = (quotaError: string, retryDelay: string) => ({
  errorCode: { quotaError },
  message: 'Too many requests.',
  details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay } },
});

describe('Google Ads response interpretation', () => {
  it('reads protobuf Durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration(30)).toBeUndefined();
  });

  it('turns RESOURCE_EXHAUSTED into a retryable throttle that waits the retryDelay Google asked for', () => {
    const problem = interpretGoogleAdsResponse(response(429, failure(429, 'RESOURCE_EXHAUSTED', [quota('RESOURCE_TEMPORARILY_EXHAUSTED', '25s')])));
    expect(problem).toEqual({
      code: 'UPSTREAM_THROTTLED',
      message: 'RESOURCE_EXHAUSTED: quotaError RESOURCE_TEMPORARILY_EXHAUSTED',
      retryable: true,
      retryAfterMs: 25_000,
    });
  });

  it('takes the longest retryDelay when several quota errors come back, and none when Google gives none', () => {
    expect(retryDelayMs([quota('RESOURCE_TEMPORARILY_EXHAUSTED', '2s'), quota('RESOURCE_EXHAUSTED', '3600s')] as never)).toBe(3_600_000);
    const bare = interpretGoogleAdsResponse(response(429, failure(429, 'RESOURCE_EXHAUSTED', [{ errorCode: { quotaError: 'RESOURCE_EXHAUSTED' }, message: 'm' }])));
    expect(bare).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterMs: undefined });
  });

  it('reads the error of a searchStream array, also after a 200 that streamed some batches', () => {
    const streamed = [{ results: [], fieldMask: 'campaign.id' }, failure(429, 'RESOURCE_EXHAUSTED', [quota('RESOURCE_TEMPORARILY_EXHAUSTED', '4s')])];
    expect(rpcError(streamed)?.status).toBe('RESOURCE_EXHAUSTED');
    expect(interpretGoogleAdsResponse(response(200, streamed))).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterMs: 4_000 });
    expect(interpretGoogleAdsResponse(response(200, [{ results: [] }]))).toBeUndefined();
    expect(interpretGoogleAdsResponse(response(200, { results: [] }))).toBeUndefined();
  });

  it.each([
    [401, 'UNAUTHENTICATED', { authenticationError: 'OAUTH_TOKEN_INVALID' }, 'UPSTREAM_AUTH', false],
    [403, 'PERMISSION_DENIED', { notAllowlistedError: 'CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE' }, 'UPSTREAM_AUTH', false],
    [400, 'INVALID_ARGUMENT', { queryError: 'UNRECOGNIZED_FIELD' }, 'UPSTREAM_BAD_REQUEST', false],
    [503, 'UNAVAILABLE', { internalError: 'TRANSIENT_ERROR' }, 'UPSTREAM_UNAVAILABLE', true],
    [500, 'INTERNAL', { internalError: 'INTERNAL_ERROR' }, 'UPSTREAM_UNAVAILABLE', true],
    [504, 'DEADLINE_EXCEEDED', { internalError: 'DEADLINE_EXCEEDED' }, 'UPSTREAM_TIMEOUT', true],
  ])('maps HTTP %i %s to %s (retryable: %s), naming codes and never quoting Google’s message', (status, grpc, errorCode, code, retryable) => {
    const problem = interpretGoogleAdsResponse(response(status, failure(status, grpc, [{ errorCode, message: 'quoting hashed_email abc…', trigger: { stringValue: 'secret' } }])));
    expect(problem).toMatchObject({ code, retryable });
    expect(problem!.message).not.toContain('secret');
    expect(problem!.message).not.toContain('abc');
    expect(problem!.message).toContain(Object.values(errorCode)[0]);
  });

  it('falls back on the status when the body is not Google’s (a proxy’s HTML)', () => {
    expect(interpretGoogleAdsResponse(response(502, '<html>bad gateway</html>'))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: 'HTTP 502' });
    expect(interpretGoogleAdsResponse(response(404, '<html>not found</html>'))).toMatchObject({ code: 'UPSTREAM_NOT_FOUND' });
  });
});
