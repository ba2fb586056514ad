import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

const policy = { backoffMs: 500, maxBackoffMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles the ceiling with every failure, half fixed and half jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0.999999))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(750);
  });

  it('never exceeds the cap, even after very many failures', () => {
    expect(retryDelayMs(8, policy, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(10_000, policy, () => 0)).toBe(30_000);
    expect(Number.isFinite(retryDelayMs(10_000, policy))).toBe(true);
  });

  it('spreads jobs that fail together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(1000);
  });
});
