/**
 * One circuit breaker per vendor (opossum). Only failures that say "the vendor is down" open it:
 * unreachable, 5xx, timeouts. A throttle or a bad request is the vendor working as designed.
 * While open, calls fail fast with UPSTREAM_UNAVAILABLE instead of waiting on a dead vendor;
 * after `resetTimeoutMs` one trial call decides whether it closes again.
 */
import CircuitBreaker from 'opossum';
import { VendorError } from './errors.js';

export interface BreakerOptions {
  /** Share of failing calls in the rolling window that opens the circuit. @default 50 */
  errorThresholdPercentage?: number;
  /** Calls in the window before the share is judged. @default 5 */
  volumeThreshold?: number;
  /** How long the circuit stays open before a trial call. @default 10000 */
  resetTimeoutMs?: number;
  /** The rolling window. @default 10000 */
  rollingWindowMs?: number;
}

export interface VendorBreaker {
  run<T>(call: () => Promise<T>, operation: string): Promise<T>;
  readonly state: 'closed' | 'open' | 'half-open';
  shutdown(): void;
}

const opensCircuit = (error: unknown) =>
  error instanceof VendorError && (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT');

export function createVendorBreaker(vendor: string, options: BreakerOptions = {}): VendorBreaker {
  const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
    timeout: false, // axios owns the per-call timeout
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 5,
    resetTimeout: options.resetTimeoutMs ?? 10_000,
    rollingCountTimeout: options.rollingWindowMs ?? 10_000,
    // Errors for which this returns true do not count as failures.
    errorFilter: (error: unknown) => !opensCircuit(error),
  });
  return {
    async run<T>(call: () => Promise<T>, operation: string): Promise<T> {
      try {
        return (await breaker.fire(call)) as T;
      } catch (error) {
        if (error instanceof VendorError) throw error;
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          throw new VendorError('circuit open: the vendor failed repeatedly, failing fast', {
            vendor,
            operation,
            code: 'UPSTREAM_UNAVAILABLE',
            retryable: true,
          });
        }
        throw error;
      }
    },
    get state() {
      return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
    },
    shutdown: () => breaker.shutdown(),
  };
}
