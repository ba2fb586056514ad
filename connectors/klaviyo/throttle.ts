/**
 * How Klaviyo signals throttling and budget, as pure functions for the HTTP core:
 * - a 429 with `Retry-After` (seconds) and `errors[].code = "throttled"`; the detail repeats the wait
 *   ("Expected available in N seconds"), which is the fallback when the header is missing;
 * - on every other answer `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` (seconds,
 *   steady window), read so the governor slows down before the limit.
 * Error details are never copied into messages: a Klaviyo detail can echo filter values (emails).
 * @see https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling
 */
import type { AxiosResponse } from 'axios';
import type { UsageHint } from '../http/governor.js';
import { retryAfterMs, statusProblem, type VendorProblem } from '../http/vendor-http.js';

/** The first JSON:API error of a body, if it has one. */
function firstError(body: unknown): { code?: unknown; title?: unknown; detail?: unknown } | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && typeof errors[0] === 'object' && errors[0] !== null ? errors[0] : undefined;
}

/** "Request was throttled. Expected available in 7 seconds." → 7000. */
function waitFromDetail(detail: unknown): number | undefined {
  const match = typeof detail === 'string' ? /available in (\d+(?:\.\d+)?) second/.exec(detail) : null;
  return match ? Number(match[1]) * 1000 : undefined;
}

export function interpretKlaviyoResponse(response: AxiosResponse): VendorProblem | undefined {
  if (response.status < 400) return undefined;
  const error = firstError(response.data);
  const code = typeof error?.code === 'string' ? error.code : undefined;
  if (response.status === 429 || code === 'throttled') {
    // Klaviyo always says how long; one second is its smallest window if it ever does not.
    const wait = retryAfterMs(response.headers['retry-after']) ?? waitFromDetail(error?.detail) ?? 1000;
    return { code: 'UPSTREAM_THROTTLED', message: 'throttled (HTTP 429)', retryAfterMs: wait };
  }
  const problem = statusProblem(response);
  return code ? { ...problem, message: `HTTP ${response.status} ${code}` } : problem;
}

/** The first integer of a header (`750`, or the structured `750, 75;w=1` form). */
function headerNumber(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^\s*(\d+)/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

export function observeKlaviyoUsage(response: AxiosResponse, now = Date.now()): UsageHint | undefined {
  const limit = headerNumber(response.headers['ratelimit-limit']);
  const remaining = headerNumber(response.headers['ratelimit-remaining']);
  if (limit === undefined || remaining === undefined || limit <= 0) return undefined;
  if (remaining <= 0) {
    const reset = headerNumber(response.headers['ratelimit-reset']) ?? 1;
    return { pauseUntil: now + reset * 1000 };
  }
  return { used: 1 - remaining / limit };
}
