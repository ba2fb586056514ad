/**
 * Shopify's leaky bucket for one app on one store. A query needs its requested cost available
 * before it runs; afterwards the difference between requested and actual cost is refunded.
 * Standard plan: 2000 points, restoring 100 per second (tests shrink both).
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private available: number;
  private lastRefill: number;

  constructor(
    readonly maximumAvailable = 2000,
    readonly restoreRate = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.available = maximumAvailable;
    this.lastRefill = now();
  }

  /** Takes `cost` points if available; returns whether it did. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Returns points a query did not actually spend. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  drain(): void {
    this.refill();
    this.available = 0;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.lastRefill) / 1000) * this.restoreRate);
    this.lastRefill = now;
  }
}
