/**
 * The wait before a failed job's next try: exponential in the number of failed tries, capped,
 * with "equal jitter" (half fixed, half random) so that many jobs failing together (a vendor
 * outage) do not all come back in the same instant, yet none retries immediately.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface BackoffPolicy {
  backoffMs: number;
  maxBackoffMs: number;
}

/** `failures` is 1 after the first failed try. `random` returns [0, 1). */
export function retryDelayMs(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, failures - 1);
  // 2^30 already dwarfs any sane cap; bounding the exponent keeps the product finite.
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.min(exponent, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
