import { describe, expect, it } from 'vitest';
import { VendorError } from './errors.js';
import { decideRetry, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5000 };
const error = (code: VendorError['code'], retryable: boolean, retryAfterMs?: number) =>
  new VendorError('x', { vendor: 'v', operation: 'op', code, retryable, retryAfterMs });

describe('decideRetry', () => {
  it('never retries what cannot succeed later (auth, validation)', () => {
    expect(decideRetry(error('UPSTREAM_AUTH', false), 1, policy).retry).toBe(false);
    expect(decideRetry(error('UPSTREAM_BAD_REQUEST', false), 1, policy).retry).toBe(false);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const max = () => 0.999999;
    expect(decideRetry(error('UPSTREAM_UNAVAILABLE', true), 1, policy, { random: max }).waitMs).toBe(100);
    expect(decideRetry(error('UPSTREAM_UNAVAILABLE', true), 3, policy, { random: max }).waitMs).toBe(400);
    const capped = decideRetry(error('UPSTREAM_UNAVAILABLE', true), 3, { ...policy, maxDelayMs: 150, maxAttempts: 9 }, { random: max });
    expect(capped.waitMs).toBe(150);
    expect(decideRetry(error('UPSTREAM_UNAVAILABLE', true), 2, policy, { random: () => 0 }).waitMs).toBe(0);
  });

  it('honours the wait the vendor asked for, plus a little jitter', () => {
    const decision = decideRetry(error('UPSTREAM_THROTTLED', true, 2000), 1, policy, { random: () => 0.5 });
    expect(decision.retry).toBe(true);
    expect(decision.waitMs).toBe(2050);
    expect(decision.reason).toMatch(/vendor-requested wait/);
  });

  it('gives up after the last attempt, when the vendor asks for too long, or past the deadline', () => {
    expect(decideRetry(error('UPSTREAM_UNAVAILABLE', true), 4, policy)).toMatchObject({ retry: false, reason: /gave up after 4\/4/ });
    expect(decideRetry(error('UPSTREAM_THROTTLED', true, 60_000), 1, policy).retry).toBe(false);
    expect(decideRetry(error('UPSTREAM_THROTTLED', true, 1000), 1, policy, { remainingMs: 500 }).retry).toBe(false);
  });
});
