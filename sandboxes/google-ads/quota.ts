/**
 * Google Ads rate limits, scaled so tests can trip them: a per-account request window (Google's
 * undocumented per-customer QPS token bucket) and a daily operations budget (the access level's
 * quota, reset at midnight Pacific). Both answer RESOURCE_EXHAUSTED (HTTP 429) with a QuotaError
 * and `quotaErrorDetails.retryDelay` as a protobuf Duration (`"30s"`).
 * @see https://developers.google.com/google-ads/api/docs/best-practices/quotas
 * @see https://github.com/googleapis/googleapis/blob/master/google/ads/googleads/v25/errors/quota_error.proto
 */
import { entry, resourceExhausted, type GoogleAdsApiError } from './errors.js';

export interface QuotaOptions {
  /** Requests one account may make per window before RESOURCE_TEMPORARILY_EXHAUSTED. @default 1000 */
  requestsPerWindow?: number;
  /** @default 60000 */
  windowMs?: number;
  /** Operations per day (searches count one, mutates one per operation); unlimited by default (Standard access). */
  dailyOperations?: number;
}

const HOUR_MS = 3_600_000;

export class QuotaGuard {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly daily = new Map<string, { day: number; operations: number }>();

  constructor(
    private options: QuotaOptions = {},
    private readonly clock: () => number = Date.now,
  ) {}

  get settings(): QuotaOptions {
    return { ...this.options };
  }

  /** Replaces the limits (and starts counting afresh), for demos and end-to-end tests. */
  configure(options: QuotaOptions): void {
    this.options = { ...options };
    this.windows.clear();
    this.daily.clear();
  }

  /** Counts a request of `operations` operations; returns the failure to answer when over a limit. */
  check(customerId: string, operations: number): GoogleAdsApiError | undefined {
    const now = this.clock();
    const limit = this.options.requestsPerWindow ?? 1000;
    const windowMs = this.options.windowMs ?? 60_000;
    let window = this.windows.get(customerId);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(customerId, window);
    }
    if (window.count >= limit) {
      const seconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
      return resourceExhausted({
        ...entry('quotaError', 'RESOURCE_TEMPORARILY_EXHAUSTED', `Too many requests. Retry in ${seconds} seconds.`),
        details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay: `${seconds}s` } },
      });
    }
    window.count++;

    const budget = this.options.dailyOperations;
    if (budget === undefined) return undefined;
    // The day turns at midnight Pacific (08:00 UTC in winter time).
    const day = Math.floor((now - 8 * HOUR_MS) / (24 * HOUR_MS));
    let used = this.daily.get(customerId);
    if (!used || used.day !== day) {
      used = { day, operations: 0 };
      this.daily.set(customerId, used);
    }
    if (used.operations + operations > budget) {
      const seconds = Math.ceil(((day + 1) * 24 * HOUR_MS + 8 * HOUR_MS - now) / 1000);
      return resourceExhausted({
        ...entry('quotaError', 'RESOURCE_EXHAUSTED', 'Number of operations for basic access has been exhausted for this day.'),
        details: {
          quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: `${seconds}s` },
        },
      });
    }
    used.operations += operations;
    return undefined;
  }
}
