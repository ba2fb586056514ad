/** The governor's behaviour, the same whether its budget lives in memory or in Redis. */
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRateGovernor, GovernorDeadlineError, type GovernorOptions } from './governor.js';

export function describeGovernorContract(name: string, store: () => Promise<{ redis?: Redis; prefix: string; cleanup: () => Promise<void> }>) {
  describe(`RateGovernor: ${name}`, () => {
    const make = async (options: Partial<GovernorOptions> = {}) => {
      const s = await store();
      const waits: number[] = [];
      const governor = createRateGovernor({
        key: `vendor:account`,
        points: 5,
        durationMs: 1000,
        redis: s.redis,
        keyPrefix: s.prefix,
        // Record the waits instead of sleeping them; advance time by blocking briefly.
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((r) => setTimeout(r, Math.min(ms, 30)));
        },
        ...options,
      });
      return { governor, waits, cleanup: s.cleanup, s };
    };

    it('lets calls through while the budget lasts, then makes callers wait', async () => {
      const { governor, waits, cleanup } = await make();
      try {
        for (let i = 0; i < 5; i++) await governor.acquire();
        expect(waits).toEqual([]);
        const sixth = governor.acquire(1, Date.now() + 5000);
        await new Promise((r) => setTimeout(r, 50));
        expect(waits.length).toBeGreaterThan(0);
        expect(waits[0]).toBeGreaterThan(0);
        expect(waits[0]).toBeLessThanOrEqual(1000);
        await sixth;
      } finally {
        await cleanup();
      }
    });

    it('refuses to wait past the caller’s deadline', async () => {
      const { governor, cleanup } = await make();
      try {
        for (let i = 0; i < 5; i++) await governor.acquire();
        await expect(governor.acquire(1, Date.now() + 10)).rejects.toBeInstanceOf(GovernorDeadlineError);
      } finally {
        await cleanup();
      }
    });

    it('pauses every caller sharing the account when the vendor says so', async () => {
      const { governor, s, cleanup } = await make();
      // A second governor on the same key stands for another process.
      const other = createRateGovernor({ key: 'vendor:account', points: 5, durationMs: 1000, redis: s.redis, keyPrefix: s.prefix });
      try {
        await governor.pauseUntil(Date.now() + 2000);
        if (s.redis) await expect(other.acquire(1, Date.now() + 100)).rejects.toBeInstanceOf(GovernorDeadlineError);
        await expect(governor.acquire(1, Date.now() + 100)).rejects.toBeInstanceOf(GovernorDeadlineError);
      } finally {
        await cleanup();
      }
    });

    it('slows down as usage nears the limit, not only after it', async () => {
      const { governor, cleanup } = await make({ slowDownFrom: 0.8, maxSlowDownMs: 2000 });
      try {
        await governor.observe({ used: 0.5 });
        await governor.acquire(1, Date.now() + 50);
        await governor.observe({ used: 0.95 });
        await expect(governor.acquire(1, Date.now() + 50)).rejects.toBeInstanceOf(GovernorDeadlineError);
      } finally {
        await cleanup();
      }
    });
  });
}
