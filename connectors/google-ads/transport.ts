/**
 * The Google Ads REST transport: one vendor HTTP core per account with the OAuth bearer token
 * and `login-customer-id` headers (no `developer-token`: Google sunset it on Sep 9 2026), the
 * API version from configuration, and the two ways to run GAQL: `search` (fixed pages of 10,000
 * rows followed by `nextPageToken`; `pageSize` is never sent, Google refuses it) and
 * `searchStream` (every row in one answer, a JSON array of batches).
 * @see https://developers.google.com/google-ads/api/rest/auth
 * @see https://developers.google.com/google-ads/api/docs/reporting/paging
 */
import type { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import type { RetryPolicy } from '../http/retry.js';
import { createVendorHttp, type RequestOptions } from '../http/vendor-http.js';
import { SearchResponseSchema, SearchStreamResponseSchema } from './schemas.js';
import { interpretGoogleAdsResponse } from './throttle.js';

export const GOOGLE_ADS = 'google-ads';

export type GoogleAdsConnection = VendorConnection & { apiVersion: string; customerId: string; loginCustomerId: string | undefined };

/** Google does not publish per-customer QPS; a modest pace keeps clear of RESOURCE_EXHAUSTED. */
export const GOOGLE_ADS_BUDGET = { points: 10, durationMs: 1000 };

export interface GoogleAdsTransport {
  readonly customerId: string;
  readonly apiVersion: string;
  /** `customers/{id}` */
  readonly customerResource: string;
  /** POSTs a JSON body to `/{version}/customers/{id}{path}` (path: `/googleAds:search`, `:uploadClickConversions`) and parses the answer. */
  post<S extends z.ZodType>(operation: string, path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
  /** Every page of a GAQL query, following `nextPageToken`. */
  search(operation: string, query: string, options?: RequestOptions): AsyncGenerator<Record<string, unknown>[]>;
  /** Every row of a query in one call. */
  searchStream(operation: string, query: string, options?: RequestOptions): Promise<Record<string, unknown>[]>;
  close(): void;
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy> | undefined;
  /**
   * How long one call may spend waiting on the rate budget and retries, unless the caller says.
   * Google's daily quota answers with a retryDelay of hours: no call should wait on it. @default 30000
   */
  deadlineMs?: number | undefined;
}

export function createGoogleAdsTransport(connection: GoogleAdsConnection, runtime: ConnectorRuntime, transport: TransportOptions = {}): GoogleAdsTransport {
  const { retry } = transport;
  const deadlineMs = transport.deadlineMs ?? 30_000;
  const http = createVendorHttp({
    vendor: GOOGLE_ADS,
    baseURL: `${connection.baseUrl}/${connection.apiVersion}`,
    headers: {
      authorization: `Bearer ${connection.credential}`,
      ...(connection.loginCustomerId ? { 'login-customer-id': connection.loginCustomerId } : {}),
    },
    interpret: interpretGoogleAdsResponse,
    ...(retry ? { retry } : {}),
    ...vendorHttpOptions(runtime, GOOGLE_ADS, connection, GOOGLE_ADS_BUDGET),
  });

  // Paths are relative to the customer and may start with ':' (`:uploadClickConversions`), so the
  // customer is part of every path rather than of the base URL.
  const post: GoogleAdsTransport['post'] = async (operation, path, body, schema, options) => {
    const url = `/customers/${connection.customerId}${path}`;
    const data = await http.request(operation, { method: 'POST', url, data: body }, { deadline: Date.now() + deadlineMs, ...options });
    return parseVendorPayload(GOOGLE_ADS, operation, schema, data);
  };

  return {
    customerId: connection.customerId,
    apiVersion: connection.apiVersion,
    customerResource: `customers/${connection.customerId}`,
    post,
    async *search(operation, query, options) {
      let pageToken: string | undefined;
      const seen = new Set<string>();
      do {
        const page = await post(operation, '/googleAds:search', { query, ...(pageToken ? { pageToken } : {}) }, SearchResponseSchema, options);
        if (page.results && page.results.length > 0) yield page.results;
        pageToken = page.nextPageToken;
        // A token seen twice would loop forever: stop rather than trust it.
        if (pageToken !== undefined && seen.has(pageToken)) break;
        if (pageToken !== undefined) seen.add(pageToken);
      } while (pageToken);
    },
    async searchStream(operation, query, options) {
      const batches = await post(operation, '/googleAds:searchStream', { query }, SearchStreamResponseSchema, options);
      return batches.flatMap((b) => b.results ?? []);
    },
    close: () => http.close(),
  };
}

/** Parses every row of a result with the row schema of its query. */
export function parseRows<S extends z.ZodType>(operation: string, schema: S, rows: readonly unknown[]): z.infer<S>[] {
  return rows.map((row) => parseVendorPayload(GOOGLE_ADS, operation, schema, row));
}
