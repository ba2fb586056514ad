/**
 * Whether and when to try a failed vendor call again. Pure, so every rule is unit-tested:
 * - only retryable errors (throttled, unavailable, timeout) are retried; auth and validation never;
 * - a wait the vendor asked for (`Retry-After`, Shopify's bucket arithmetic, Google's retryDelay)
 *   is honoured, plus a little jitter so that processes do not return in lockstep;
 * - otherwise capped exponential backoff with full jitter;
 * - never past the caller's deadline.
 */
import type { VendorError } from './errors.js';

export interface RetryPolicy {
  /** Tries in all, the first included. @default 4 */
  maxAttempts: number;
  /** Base of the exponential backoff. @default 250 */
  baseDelayMs: number;
  /** Upper bound of one wait. @default 30000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 30_000 };

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  reason: string;
}

export function decideRetry(
  error: VendorError,
  attempt: number,
  policy: RetryPolicy,
  options: { random?: () => number; remainingMs?: number } = {},
): RetryDecision {
  const random = options.random ?? Math.random;
  if (!error.retryable) return { retry: false, waitMs: 0, reason: `${error.code} is not retryable` };
  if (attempt >= policy.maxAttempts) {
    return { retry: false, waitMs: 0, reason: `gave up after ${attempt}/${policy.maxAttempts} attempts` };
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const waitMs =
    error.retryAfterMs !== undefined
      ? Math.ceil(error.retryAfterMs + random() * Math.min(250, policy.baseDelayMs))
      : Math.ceil(random() * backoff);
  if (waitMs > policy.maxDelayMs) {
    return { retry: false, waitMs, reason: `${error.code}: the vendor asks to wait ${waitMs} ms, over the ${policy.maxDelayMs} ms limit` };
  }
  if (options.remainingMs !== undefined && waitMs >= options.remainingMs) {
    return { retry: false, waitMs, reason: `${error.code}: waiting ${waitMs} ms would pass the deadline` };
  }
  return {
    retry: true,
    waitMs,
    reason: `${error.code}, attempt ${attempt}/${policy.maxAttempts}, ${error.retryAfterMs !== undefined ? 'vendor-requested wait' : 'backoff'} ${waitMs} ms`,
  };
}
