/**
 * HubSpot's rate limits for a private app: a rolling 10-second window per app, a daily budget
 * per account, and the search endpoints' own per-second cap. Every response reports the budget in
 * `X-HubSpot-RateLimit-*` headers; a refused call gets a 429 whose body names the policy exactly
 * as HubSpot does (`@hubspot/api-client` keys its retries off `policyName` and the search message).
 * Limits default to the Professional tier and shrink for tests; the clock is injectable.
 * @see https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
import { randomUUID } from 'node:crypto';

export interface HubSpotRateLimits {
  /** The rolling window, 10 s at HubSpot. */
  intervalMs: number;
  /** Calls per window (190 on Professional/Enterprise, 100 on Free/Starter). */
  perInterval: number;
  /** Calls per day per account (625,000 on Professional). */
  daily: number;
  /** Search calls per second per account (5). */
  searchPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: HubSpotRateLimits = { intervalMs: 10_000, perInterval: 190, daily: 625_000, searchPerSecond: 5 };

export type PolicyName = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const MESSAGES: Record<PolicyName, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
};

export function rateLimitBody(policyName: PolicyName) {
  return { status: 'error', message: MESSAGES[policyName], errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName, requestId: randomUUID() };
}

export interface Admission {
  refused?: PolicyName;
  headers: Record<string, string>;
}

export class HubSpotRateLimiter {
  private readonly calls: RollingCounter;
  private readonly searches = new RollingCounter(1000);
  private readonly lastSecond = new RollingCounter(1000);
  private day = '';
  private today = 0;

  constructor(
    public readonly limits: HubSpotRateLimits,
    private readonly clock: () => number = Date.now,
  ) {
    this.calls = new RollingCounter(limits.intervalMs);
  }

  /** Counts one call unless a limit refuses it (refused calls do not count); `enforce` false only reports. */
  admit(kind: 'api' | 'search', enforce: boolean): Admission {
    const now = this.clock();
    this.prune(now);
    const { perInterval, daily, searchPerSecond } = this.limits;
    let refused: PolicyName | undefined;
    if (enforce) {
      if (this.today >= daily) refused = 'DAILY';
      else if (this.calls.count(now) >= perInterval) refused = 'TEN_SECONDLY_ROLLING';
      else if (kind === 'search' && this.searches.count(now) >= searchPerSecond) refused = 'SECONDLY';
    }
    if (!refused) {
      this.calls.add(now);
      this.lastSecond.add(now);
      this.today++;
      if (kind === 'search') this.searches.add(now);
    }
    return { ...(refused ? { refused } : {}), headers: this.headers(now) };
  }

  /** The budget left, without counting a call. */
  headers(now = this.clock()): Record<string, string> {
    this.prune(now);
    const { intervalMs, perInterval, daily } = this.limits;
    const secondly = Math.max(1, Math.ceil((perInterval * 1000) / intervalMs));
    const lastSecond = this.lastSecond.count(now);
    return {
      'X-HubSpot-RateLimit-Daily': String(daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, daily - this.today)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
      'X-HubSpot-RateLimit-Max': String(perInterval),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, perInterval - this.calls.count(now))),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
    };
  }

  /** Forgets all usage (a new day, or a test resetting the sandbox). */
  reset(): void {
    this.calls.reset();
    this.searches.reset();
    this.lastSecond.reset();
    this.today = 0;
  }

  /** The daily budget resets at midnight (UTC here; HubSpot uses the portal's time zone). */
  private prune(now: number): void {
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.today = 0;
    }
  }
}

/**
 * Calls in a rolling window, counted in 100 buckets so that heavy load (a benchmark with
 * throttling off) costs constant memory and time per call.
 */
class RollingCounter {
  private readonly bucketMs: number;
  private readonly starts: number[] = new Array<number>(100).fill(-Infinity);
  private readonly counts: number[] = new Array<number>(100).fill(0);

  constructor(private readonly windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / 100);
  }

  add(now: number): void {
    const start = Math.floor(now / this.bucketMs) * this.bucketMs;
    const slot = Math.floor(now / this.bucketMs) % 100;
    if (this.starts[slot] !== start) {
      this.starts[slot] = start;
      this.counts[slot] = 0;
    }
    this.counts[slot]!++;
  }

  count(now: number): number {
    let total = 0;
    for (let i = 0; i < 100; i++) if (this.starts[i]! > now - this.windowMs) total += this.counts[i]!;
    return total;
  }

  reset(): void {
    this.starts.fill(-Infinity);
    this.counts.fill(0);
  }
}
