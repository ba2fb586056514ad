import { describe, expect, it } from 'vitest';
import { interpretMetaResponse, isThrottleCode, observeMetaUsage } from './throttle.js';

const NOW = 1_800_000_000_000;
const error = (code: number, extra: Record<string, unknown> = {}) => ({ error: { message: 'x', type: 'OAuthException', code, fbtrace_id: 't', ...extra } });
const response = (status: number, data: unknown, headers: Record<string, string> = {}) => ({ status, data, headers });
const buc = (entries: Record<string, unknown>[]) => ({ 'x-business-use-case-usage': JSON.stringify({ '1000000001': entries }) });

describe('interpretMetaResponse', () => {
  it('reads every throttle code as UPSTREAM_THROTTLED, whatever the HTTP status', () => {
    for (const code of [4, 17, 32, 613, 80000, 80003, 80004, 80014]) {
      expect(isThrottleCode(code)).toBe(true);
      expect(interpretMetaResponse(response(400, error(code, { error_subcode: 2446079, is_transient: true })))).toMatchObject({
        code: 'UPSTREAM_THROTTLED',
        retryable: true,
      });
    }
    expect(isThrottleCode(80015)).toBe(false);
    expect(interpretMetaResponse(response(403, error(4)))?.code).toBe('UPSTREAM_THROTTLED');
  });

  it('takes the wait Meta announces: minutes to regain a BUC, or the ad-account reset once the score is spent', () => {
    const throttled = response(400, error(80000, { error_subcode: 2446079 }), buc([{ type: 'ads_insights', call_count: 100, estimated_time_to_regain_access: 7 }]));
    expect(interpretMetaResponse(throttled)?.retryAfterMs).toBe(7 * 60_000);
    const account = response(400, error(613, { error_subcode: 1487742 }), {
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 45, ads_api_access_tier: 'standard_access' }),
    });
    expect(interpretMetaResponse(account)?.retryAfterMs).toBe(45_000);
    expect(interpretMetaResponse(response(400, error(4)))?.retryAfterMs).toBeUndefined();
  });

  it('reads token and permission failures as UPSTREAM_AUTH, never retried', () => {
    for (const code of [190, 102, 104, 10, 200, 294]) {
      expect(interpretMetaResponse(response(400, error(code, { error_subcode: 460 })))).toMatchObject({ code: 'UPSTREAM_AUTH', retryable: false });
    }
  });

  it('reads a missing object, transient and permanent failures, keeping Meta’s message out of the hub’s', () => {
    expect(interpretMetaResponse(response(400, error(100, { error_subcode: 33, message: 'Object with ID jane@example.com' })))).toEqual({
      code: 'UPSTREAM_NOT_FOUND',
      message: 'Graph error 100/33: no such object',
      retryable: false,
    });
    expect(interpretMetaResponse(response(500, error(2, { is_transient: true })))?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(interpretMetaResponse(response(400, error(1)))?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(interpretMetaResponse(response(400, error(100)))).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', retryable: false });
    expect(interpretMetaResponse(response(502, '<html>bad gateway</html>'))?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(interpretMetaResponse(response(200, { data: [] }))).toBeUndefined();
  });
});

describe('observeMetaUsage', () => {
  it('reports the highest share used across the app, the ad account and every business use case', () => {
    const hint = observeMetaUsage(
      response(200, {}, {
        'x-app-usage': JSON.stringify({ call_count: 12, total_time: 30, total_cputime: 5 }),
        'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 41.5, reset_time_duration: 120 }),
        ...buc([{ type: 'ads_insights', call_count: 10, total_time: 85, total_cputime: 3, estimated_time_to_regain_access: 0 }]),
      }),
      NOW,
    );
    expect(hint).toEqual({ used: 0.85 });
  });

  it('rises as usage rises, so the governor slows down before the limit', () => {
    const used = [20, 60, 90, 99].map((pct) => observeMetaUsage(response(200, {}, buc([{ type: 'custom_audience', call_count: pct }])), NOW)?.used);
    expect(used).toEqual([0.2, 0.6, 0.9, 0.99]);
  });

  it('announces a pause when Meta says how long until access is regained', () => {
    expect(observeMetaUsage(response(200, {}, buc([{ type: 'ads_management', call_count: 100, estimated_time_to_regain_access: 3 }])), NOW)).toEqual({
      used: 1,
      pauseUntil: NOW + 180_000,
    });
  });

  it('ignores absent or malformed headers', () => {
    expect(observeMetaUsage(response(200, {}), NOW)).toBeUndefined();
    expect(observeMetaUsage(response(200, {}, { 'x-app-usage': 'not json' }), NOW)).toBeUndefined();
  });
});
