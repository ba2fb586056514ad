/**
 * What every vendor client needs from its process besides its own configuration: the timeout,
 * the Redis connection that shares rate budgets across processes (none in embedded mode), and the
 * telemetry hooks. Clients turn it into their createVendorHttp options with `vendorHttpOptions`.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { VendorConnection } from '../../config/env.js';
import { createRateGovernor, type RateGovernor } from './governor.js';
import type { VendorHttpOptions } from './vendor-http.js';

export interface ConnectorRuntime {
  timeoutMs: number;
  redis?: Redis | undefined;
  keyPrefix?: string;
  onCall?: VendorHttpOptions['onCall'];
  onRetry?: VendorHttpOptions['onRetry'];
  /** Per-vendor budgets that replace the documented defaults (the account's plan may allow more). */
  budgets?: Partial<Record<string, VendorBudget>>;
}

/** A vendor's documented request budget for one account. */
export interface VendorBudget {
  points: number;
  durationMs: number;
}

/**
 * The governor key names the account without revealing its credential: a short hash of the base
 * URL and credential, so two hubs on one account share a budget and two accounts never do.
 */
export function accountKey(vendor: string, connection: Pick<VendorConnection, 'baseUrl' | 'credential'>): string {
  const digest = createHash('sha256').update(`${connection.baseUrl}\n${connection.credential}`).digest('hex');
  return `${vendor}:${digest.slice(0, 16)}`;
}

const governors = new WeakMap<object, Map<string, RateGovernor>>();
const NO_REDIS = {};

/** One governor per account per process (shared through Redis across processes). */
function governorFor(runtime: ConnectorRuntime, key: string, budget: VendorBudget): RateGovernor {
  const scope = runtime.redis ?? NO_REDIS;
  let byKey = governors.get(scope);
  if (!byKey) governors.set(scope, (byKey = new Map()));
  let governor = byKey.get(key);
  if (!governor) {
    governor = createRateGovernor({ key, ...budget, redis: runtime.redis, keyPrefix: runtime.keyPrefix });
    byKey.set(key, governor);
  }
  return governor;
}

export function vendorHttpOptions(
  runtime: ConnectorRuntime,
  vendor: string,
  connection: Pick<VendorConnection, 'baseUrl' | 'credential'>,
  budget: VendorBudget,
): Pick<VendorHttpOptions, 'timeoutMs' | 'governor' | 'onCall' | 'onRetry'> {
  return {
    timeoutMs: runtime.timeoutMs,
    governor: governorFor(runtime, accountKey(vendor, connection), runtime.budgets?.[vendor] ?? budget),
    onCall: runtime.onCall,
    onRetry: runtime.onRetry,
  };
}
