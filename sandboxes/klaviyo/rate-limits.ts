/**
 * Klaviyo's rate limits: per account and per endpoint, two fixed windows, burst (1 s) and steady
 * (1 min); exceeding either is a 429. Values are each operation's `x-klaviyo-ratelimit`, and a
 * profile read asking for predictive analytics falls to the M tier (10/s, 150/m).
 * @see https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling
 */
export interface RateLimit {
  /** Requests per second. */
  burst: number;
  /** Requests per minute. */
  steady: number;
}

export const KLAVIYO_RATE_LIMITS = {
  profiles: { burst: 75, steady: 750 },
  'profiles:predictive': { burst: 10, steady: 150 },
  events: { burst: 350, steady: 3500 },
  metrics: { burst: 10, steady: 150 },
  lists: { burst: 75, steady: 750 },
  segments: { burst: 75, steady: 750 },
  subscriptions: { burst: 75, steady: 750 },
  'data-privacy': { burst: 3, steady: 60 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitBucket = keyof typeof KLAVIYO_RATE_LIMITS;

export type RateDecision =
  | { ok: true; limit: number; remaining: number; resetSeconds: number }
  | { ok: false; retryAfterSeconds: number };

interface Window {
  second: number;
  inSecond: number;
  minute: number;
  inMinute: number;
}

export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private limits: Record<RateLimitBucket, RateLimit>,
    private readonly clock: () => number,
  ) {}

  /** Replaces some buckets' limits (tests and demos scale them down to trip throttling). */
  setLimits(limits: Partial<Record<RateLimitBucket, RateLimit>>) {
    this.limits = { ...this.limits, ...limits };
  }

  current(): Record<RateLimitBucket, RateLimit> {
    return this.limits;
  }

  /** Counts one request against the bucket, or refuses it (a refused request does not count). */
  take(bucket: RateLimitBucket): RateDecision {
    const now = this.clock();
    const limit = this.limits[bucket];
    const second = Math.floor(now / 1000);
    const minute = Math.floor(now / 60_000);
    const w = this.windows.get(bucket) ?? { second, inSecond: 0, minute, inMinute: 0 };
    if (w.second !== second) Object.assign(w, { second, inSecond: 0 });
    if (w.minute !== minute) Object.assign(w, { minute, inMinute: 0 });
    this.windows.set(bucket, w);
    const untilMinuteEnds = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
    if (w.inMinute >= limit.steady) return { ok: false, retryAfterSeconds: untilMinuteEnds };
    if (w.inSecond >= limit.burst) return { ok: false, retryAfterSeconds: 1 };
    w.inSecond++;
    w.inMinute++;
    return { ok: true, limit: limit.steady, remaining: limit.steady - w.inMinute, resetSeconds: untilMinuteEnds };
  }
}
