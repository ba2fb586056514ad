/**
 * The rate-limit governor: one budget per vendor account, shared by every process of the hub
 * through Redis (or held in memory in embedded mode). Every call takes points before it leaves;
 * when the budget is spent, callers wait instead of collecting 429s. When a vendor signals that
 * the budget is nearly used (usage headers) or exhausted (a throttle answer), the governor pauses
 * every caller until the vendor's window has room again, so the hub slows down before the limit,
 * not only after it.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What a vendor's response says about the budget, read by each connector's `observe`. */
export interface UsageHint {
  /** Share of the vendor's budget already used, 0..1. */
  used?: number;
  /** Pause every caller until this instant (epoch ms). */
  pauseUntil?: number;
}

export interface RateGovernor {
  /** Waits until `cost` points are available, then takes them. Rejects when waiting would pass `deadline`. */
  acquire(cost?: number, deadline?: number): Promise<void>;
  /** Pauses every caller of this account until `untilMs`. */
  pauseUntil(untilMs: number): Promise<void>;
  /** Applies a usage hint: pauses on exhaustion, slows down as usage nears the limit. */
  observe(hint: UsageHint): Promise<void>;
}

export interface GovernorOptions {
  /** `{vendor}:{account}`: the budget is per vendor account, not per process. */
  key: string;
  /** Points per window. */
  points: number;
  durationMs: number;
  /** Shares the budget across processes; memory when undefined. */
  redis?: Redis | undefined;
  keyPrefix?: string;
  /** Usage share from which the governor starts spacing calls out. @default 0.8 */
  slowDownFrom?: number;
  /** The longest pause a high usage share causes. @default 2000 */
  maxSlowDownMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class GovernorDeadlineError extends Error {
  constructor(readonly waitMs: number) {
    super(`rate budget would only free up in ${waitMs} ms, after the caller's deadline`);
    this.name = 'GovernorDeadlineError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateGovernor(options: GovernorOptions): RateGovernor {
  const durationSec = Math.max(1, Math.ceil(options.durationMs / 1000));
  // rate-limiter-flexible counts points per whole seconds; scale points so the rate is kept.
  const points = Math.max(1, Math.floor((options.points * durationSec * 1000) / options.durationMs));
  const common = { points, duration: durationSec, keyPrefix: `${options.keyPrefix ?? 'hub:'}governor` };
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: false })
    : new RateLimiterMemory(common);
  const sleep = options.sleep ?? defaultSleep;
  const slowDownFrom = options.slowDownFrom ?? 0.8;
  const maxSlowDownMs = options.maxSlowDownMs ?? 2000;

  const pauseUntil = async (untilMs: number) => {
    const ms = untilMs - Date.now();
    // block() marks the key as spent until the instant: every process's next consume waits.
    if (ms > 0) await limiter.block(options.key, ms / 1000);
  };

  return {
    async acquire(cost = 1, deadline) {
      for (;;) {
        try {
          await limiter.consume(options.key, Math.min(cost, points));
          return;
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const waitMs = Math.max(rejection.msBeforeNext, 5);
          if (deadline !== undefined && Date.now() + waitMs > deadline) throw new GovernorDeadlineError(waitMs);
          await sleep(waitMs);
        }
      }
    },
    pauseUntil,
    async observe(hint) {
      if (hint.pauseUntil !== undefined) await pauseUntil(hint.pauseUntil);
      else if (hint.used !== undefined && hint.used >= slowDownFrom) {
        const pressure = Math.min(1, (hint.used - slowDownFrom) / (1 - slowDownFrom));
        await pauseUntil(Date.now() + Math.ceil(pressure * maxSlowDownMs));
      }
    },
  };
}
