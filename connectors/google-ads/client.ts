/**
 * Google Ads REST client (API version from configuration). GAQL search with `nextPageToken`
 * paging (the page size is fixed by Google; sending `pageSize` is an error), and clicks by gclid.
 * @see https://developers.google.com/google-ads/api/docs/query/overview
 */
import type { VendorConnection } from '../../config/env.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp } from '../http/vendor-http.js';
import { ClickRowSchema, SearchResponseSchema, type GoogleAdsClickRow } from './schemas.js';

export const GOOGLE_ADS = 'google-ads';
/** Keeps GAQL `IN (...)` lists well under the query length limit. */
export const GCLID_BATCH = 500;

export interface GoogleAdsClient {
  /** Every row of a GAQL query, page by page. */
  search(operation: string, query: string): AsyncGenerator<Record<string, unknown>[]>;
  getClicks(gclids: readonly string[]): Promise<GoogleAdsClickRow[]>;
}

type GoogleAdsConnection = VendorConnection & { apiVersion: string; customerId: string; loginCustomerId: string | undefined };

/** GAQL string literal. */
const literal = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** Google does not publish per-customer QPS; a modest pace keeps clear of RESOURCE_EXHAUSTED. */
export const GOOGLE_ADS_BUDGET = { points: 10, durationMs: 1000 };

export function createGoogleAdsClient(connection: GoogleAdsConnection, runtime: ConnectorRuntime): GoogleAdsClient {
  const http = createVendorHttp({
    vendor: GOOGLE_ADS,
    baseURL: `${connection.baseUrl}/${connection.apiVersion}/customers/${connection.customerId}`,
    headers: {
      authorization: `Bearer ${connection.credential}`,
      ...(connection.loginCustomerId ? { 'login-customer-id': connection.loginCustomerId } : {}),
    },
    ...vendorHttpOptions(runtime, GOOGLE_ADS, connection, GOOGLE_ADS_BUDGET),
  });

  async function* search(operation: string, query: string) {
    let pageToken: string | undefined;
    do {
      const body = await http.request(operation, {
        method: 'POST',
        url: '/googleAds:search',
        data: { query, ...(pageToken ? { pageToken } : {}) },
      });
      const page = parseVendorPayload(GOOGLE_ADS, operation, SearchResponseSchema, body);
      if (page.results && page.results.length > 0) yield page.results;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  return {
    search,
    async getClicks(gclids) {
      const rows: GoogleAdsClickRow[] = [];
      for (let i = 0; i < gclids.length; i += GCLID_BATCH) {
        const list = gclids.slice(i, i + GCLID_BATCH).map(literal).join(', ');
        const query = `SELECT click_view.gclid, campaign.id, campaign.name, ad_group.id, segments.date FROM click_view WHERE click_view.gclid IN (${list})`;
        for await (const page of search('clicks.byGclid', query)) {
          rows.push(...page.map((row) => parseVendorPayload(GOOGLE_ADS, 'clicks.byGclid', ClickRowSchema, row)));
        }
      }
      return rows;
    },
  };
}
