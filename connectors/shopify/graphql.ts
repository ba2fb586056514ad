/**
 * The connector's one way to call Shopify: `POST /admin/api/{version}/graphql.json` with
 * `X-Shopify-Access-Token`, through the shared HTTP core (governor, breaker, retries). Each
 * document is costed before it leaves: over 1000 points it is a bug and is refused here.
 * Shopify's answers are read by throttle.ts (THROTTLED at HTTP 200 with the bucket arithmetic,
 * and the bucket's fill level on every answer, so every process slows down before it is empty).
 * @see https://shopify.dev/docs/api/admin-graphql#endpoints
 */
import type { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { VendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp, type RequestOptions, type VendorHttp, type VendorHttpOptions } from '../http/vendor-http.js';
import { estimateQueryCost, MAX_QUERY_COST } from './query-cost.js';
import { GraphQLResponseSchema } from './schemas.js';
import { interpretShopifyResponse, observeShopifyUsage } from './throttle.js';

export const SHOPIFY = 'shopify';

/**
 * Shopify limits GraphQL by cost, not by calls, and charges the requested cost only until the
 * query ran (the unspent part is refunded at once), so a client-side count of requested points
 * would throttle the hub long before Shopify does. The cost bucket is therefore followed through
 * Shopify's own numbers (`observe`: the bucket's fill level; THROTTLED: the exact wait), and the
 * governor only caps calls per account as a backstop (SHOPIFY_RATE_LIMIT overrides it).
 */
export const SHOPIFY_BUDGET = { points: 100, durationMs: 1000 };

/** Per-call options: a deadline for interactive reads, so a throttled read fails fast instead of waiting. */
export type CallOptions = Pick<RequestOptions, 'deadline' | 'retry'>;

export interface ShopifyGraphql {
  request<S extends z.ZodType>(
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    schema: S,
    options?: CallOptions,
  ): Promise<z.infer<S>>;
  close(): void;
}

/** Settings a caller may tune beyond the runtime's (tests shorten the breaker and retries). */
export type HttpOverrides = Partial<Pick<VendorHttpOptions, 'retry' | 'breaker' | 'sleep' | 'onRetry' | 'onCall'>>;

export function createShopifyGraphql(
  connection: VendorConnection & { apiVersion: string },
  runtime: ConnectorRuntime,
  overrides: HttpOverrides = {},
): ShopifyGraphql {
  const http: VendorHttp = createVendorHttp({
    vendor: SHOPIFY,
    baseURL: connection.baseUrl,
    headers: { 'x-shopify-access-token': connection.credential, 'content-type': 'application/json', accept: 'application/json' },
    ...vendorHttpOptions(runtime, SHOPIFY, connection, SHOPIFY_BUDGET),
    interpret: interpretShopifyResponse,
    observe: observeShopifyUsage,
    ...overrides,
  });
  const path = `/admin/api/${connection.apiVersion}/graphql.json`;

  return {
    async request(operation, document, variables, schema, options = {}) {
      const cost = estimateQueryCost(document, variables);
      if (cost > MAX_QUERY_COST) {
        throw new VendorError(`query would cost ${cost} points, over Shopify's ${MAX_QUERY_COST}`, {
          vendor: SHOPIFY,
          operation,
          code: 'UPSTREAM_BAD_REQUEST',
          retryable: false,
        });
      }
      const raw = await http.request(operation, { method: 'POST', url: path, data: { query: document, variables } }, options);
      const body = parseVendorPayload(SHOPIFY, operation, GraphQLResponseSchema, raw);
      return parseVendorPayload(SHOPIFY, operation, schema, body.data);
    },
    close: () => http.close(),
  };
}
