/**
 * How the connector reads Shopify's answers, as pure functions the HTTP core calls on every
 * response: `interpretShopifyResponse` turns GraphQL-level failures that arrive with HTTP 200
 * (THROTTLED, MAX_COST_EXCEEDED, ACCESS_DENIED, ...) into the closed set of VendorError codes,
 * with the wait Shopify's bucket arithmetic implies; `observeShopifyUsage` reads
 * `extensions.cost.throttleStatus` so the governor slows down before the bucket is empty.
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
import type { AxiosResponse } from 'axios';
import type { UsageHint } from '../http/governor.js';
import type { VendorProblem } from '../http/vendor-http.js';
import { GraphQLResponseSchema, type ThrottleStatus } from './schemas.js';

/**
 * Milliseconds until the bucket holds `requested` points: (requested − available) / restoreRate.
 * Undefined when it never will (the query needs more than the bucket's size).
 */
export function throttleWaitMs(requested: number, status: ThrottleStatus): number | undefined {
  if (requested > status.maximumAvailable) return undefined;
  const deficit = Math.max(0, requested - status.currentlyAvailable);
  return Math.ceil((deficit / status.restoreRate) * 1000);
}

/** Share of the bucket in use, 0..1. */
export const bucketUsed = (status: ThrottleStatus) => 1 - status.currentlyAvailable / status.maximumAvailable;

export function interpretShopifyResponse(response: Pick<AxiosResponse, 'status' | 'data'>): VendorProblem | undefined {
  if (response.status === 401 || response.status === 403) {
    return { code: 'UPSTREAM_AUTH', message: `HTTP ${response.status}: the access token was refused` };
  }
  if (response.status >= 400) return undefined; // the core's status mapping (404, 429, 5xx) applies
  const body = GraphQLResponseSchema.safeParse(response.data);
  if (!body.success) return { code: 'UPSTREAM_BAD_RESPONSE', message: 'not a GraphQL response' };
  const errors = body.data.errors;
  if (errors === undefined || errors.length === 0) return undefined;
  if (typeof errors === 'string') return { code: 'UPSTREAM_BAD_REQUEST', message: errors };
  const codes = errors.map((e) => e.extensions?.code);
  const cost = body.data.extensions?.cost;
  if (codes.includes('THROTTLED')) {
    const wait = cost ? throttleWaitMs(cost.requestedQueryCost, cost.throttleStatus) : 1000;
    return wait === undefined
      ? { code: 'UPSTREAM_THROTTLED', message: `query needs ${cost!.requestedQueryCost} points, more than the bucket holds`, retryable: false }
      : { code: 'UPSTREAM_THROTTLED', message: 'THROTTLED', retryAfterMs: wait };
  }
  if (codes.includes('MAX_COST_EXCEEDED')) return { code: 'UPSTREAM_BAD_REQUEST', message: 'MAX_COST_EXCEEDED', retryable: false };
  if (codes.includes('ACCESS_DENIED')) return { code: 'UPSTREAM_AUTH', message: 'ACCESS_DENIED: a required access scope is missing' };
  if (codes.includes('INTERNAL_SERVER_ERROR')) return { code: 'UPSTREAM_UNAVAILABLE', message: 'INTERNAL_SERVER_ERROR' };
  // Shopify's messages can echo query text; keep only the codes.
  return { code: 'UPSTREAM_BAD_REQUEST', message: `GraphQL errors: ${codes.map((c) => c ?? 'unknown').join(', ')}` };
}

export function observeShopifyUsage(response: Pick<AxiosResponse, 'data'>): UsageHint | undefined {
  const body = GraphQLResponseSchema.safeParse(response.data);
  const status = body.success ? body.data.extensions?.cost?.throttleStatus : undefined;
  return status ? { used: bucketUsed(status) } : undefined;
}
