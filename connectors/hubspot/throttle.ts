/**
 * How HubSpot says "slow down" and "that failed", read as pure functions so every rule is tested:
 * - 429 with `policyName: DAILY`: the account's daily budget is spent; retrying today is futile;
 * - 429 with `TEN_SECONDLY_ROLLING`: wait out the rolling window (the interval the headers name);
 * - 429 with `SECONDLY` or the message "You have reached your secondly limit." (search): wait 1 s;
 * - `X-HubSpot-RateLimit-Remaining`/`-Max` and `-Daily-Remaining`/`-Daily`: how much of the budget is
 *   used, so the governor spaces calls out before HubSpot refuses them.
 * Error messages carry HubSpot's category only, never its message (which may echo an email).
 * @see https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
import type { AxiosResponse } from 'axios';
import type { VendorErrorCode } from '../http/errors.js';
import type { UsageHint } from '../http/governor.js';
import type { VendorProblem } from '../http/vendor-http.js';
import { ErrorBodySchema } from './schemas.js';

export const SEARCH_SECONDLY_MESSAGE = 'You have reached your secondly limit.';
const DEFAULT_INTERVAL_MS = 10_000;

export function interpretHubSpotResponse(response: AxiosResponse, now = Date.now()): VendorProblem | undefined {
  const status = response.status;
  if (status < 400) return undefined; // 207 is a success with per-input errors
  const body = ErrorBodySchema.safeParse(response.data);
  const error = body.success ? body.data : {};
  const what = [error.category, error.subCategory].filter(Boolean).join('/');
  if (status === 429) return throttleProblem(response, error.policyName, error.message, now);
  const code: VendorErrorCode =
    status === 401 || status === 403
      ? 'UPSTREAM_AUTH'
      : status === 404
        ? 'UPSTREAM_NOT_FOUND'
        : status >= 500
          ? 'UPSTREAM_UNAVAILABLE'
          : 'UPSTREAM_BAD_REQUEST';
  return { code, message: what ? `HTTP ${status} ${what}` : `HTTP ${status}` };
}

function throttleProblem(response: AxiosResponse, policyName: string | undefined, message: string | undefined, now: number): VendorProblem {
  if (policyName === 'DAILY') {
    // Nothing succeeds before the daily budget resets (midnight in the portal's zone; UTC is the safe bound).
    return { code: 'UPSTREAM_THROTTLED', message: 'HubSpot daily limit reached', retryable: false, retryAfterMs: msUntilNextUtcDay(now) };
  }
  if (policyName === 'SECONDLY' || message === SEARCH_SECONDLY_MESSAGE) {
    return { code: 'UPSTREAM_THROTTLED', message: 'HubSpot search secondly limit reached', retryAfterMs: 1000 };
  }
  if (policyName === 'TEN_SECONDLY_ROLLING') {
    const interval = headerNumber(response, 'x-hubspot-ratelimit-interval-milliseconds') ?? DEFAULT_INTERVAL_MS;
    return { code: 'UPSTREAM_THROTTLED', message: 'HubSpot ten-secondly limit reached', retryAfterMs: interval };
  }
  const retryAfter = headerNumber(response, 'retry-after');
  return { code: 'UPSTREAM_THROTTLED', message: 'HubSpot rate limit reached', retryAfterMs: retryAfter === undefined ? 1000 : retryAfter * 1000 };
}

/**
 * What the rate-limit headers say: a spent window pauses callers until it has rolled (its
 * interval), otherwise the larger of the window's and the day's used share lets the governor
 * space calls out as the budget runs low.
 */
export function observeHubSpotUsage(response: AxiosResponse, now = Date.now()): UsageHint | undefined {
  if (headerNumber(response, 'x-hubspot-ratelimit-remaining') === 0 && response.status !== 429) {
    return { pauseUntil: now + (headerNumber(response, 'x-hubspot-ratelimit-interval-milliseconds') ?? DEFAULT_INTERVAL_MS) };
  }
  const used = [
    share(headerNumber(response, 'x-hubspot-ratelimit-remaining'), headerNumber(response, 'x-hubspot-ratelimit-max')),
    share(headerNumber(response, 'x-hubspot-ratelimit-daily-remaining'), headerNumber(response, 'x-hubspot-ratelimit-daily')),
  ].filter((u): u is number => u !== undefined);
  return used.length === 0 ? undefined : { used: Math.max(...used) };
}

function share(remaining: number | undefined, max: number | undefined): number | undefined {
  if (remaining === undefined || max === undefined || max <= 0) return undefined;
  return Math.min(1, Math.max(0, 1 - remaining / max));
}

function headerNumber(response: AxiosResponse, name: string): number | undefined {
  const raw: unknown = response.headers?.[name];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function msUntilNextUtcDay(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}
