/**
 * GoogleAdsService over REST: `googleAds:search` (pages of a fixed size with `nextPageToken`,
 * `pageSize` refused with PAGE_SIZE_NOT_SUPPORTED) and `googleAds:searchStream` (every row, in a
 * JSON array of batches).
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.googleAds/search
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.googleAds/searchStream
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { entry, invalidArgument } from './errors.js';
import { toCamelPath, toProtoJson } from './proto-json.js';
import { runQuery } from './query.js';
import type { GoogleAdsState } from './state.js';

export interface SearchRouteOptions {
  state: GoogleAdsState;
  today: () => string;
  /** Rows per `search` page: 10,000 at Google; tests shrink it to cross pages cheaply. */
  pageSize: number;
  /** Rows per `searchStream` batch. */
  streamBatchSize: number;
}

interface SearchBody {
  query?: string;
  pageToken?: string;
  pageSize?: number;
  validateOnly?: boolean;
  searchSettings?: { returnTotalResultsCount?: boolean; omitResults?: boolean };
}

const queryHash = (query: string) => createHash('sha256').update(query).digest('base64url').slice(0, 12);

/** Page tokens are opaque at Google; here they carry the offset and a hash of the query they belong to. */
function readPageToken(token: string, query: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: string; o?: number };
    if (parsed.q === queryHash(query) && Number.isInteger(parsed.o) && parsed.o! > 0) return parsed.o!;
  } catch {
    // falls through to the error below
  }
  throw invalidArgument(entry('requestError', 'INVALID_PAGE_TOKEN', 'Page token is invalid.', [{ fieldName: 'page_token' }], token));
}

const writePageToken = (offset: number, query: string) => Buffer.from(JSON.stringify({ q: queryHash(query), o: offset })).toString('base64url');

export function registerSearchRoutes(app: FastifyInstance, options: SearchRouteOptions): void {
  const { state } = options;

  app.post<{ Params: { version: string; customerId: string }; Body: SearchBody }>(
    '/:version/customers/:customerId/googleAds::search',
    async (request) => {
      const body = request.body ?? {};
      if (body.pageSize !== undefined) {
        throw invalidArgument(
          entry('requestError', 'PAGE_SIZE_NOT_SUPPORTED', 'Setting the page size is not supported. Search Responses will have fixed page size of 10000 rows.', [
            { fieldName: 'page_size' },
          ]),
        );
      }
      const text = body.query ?? '';
      const offset = body.pageToken ? readPageToken(body.pageToken, text) : 0;
      const { query, rows } = runQuery(state, text, options.today());
      const response: Record<string, unknown> = { fieldMask: query.fields.map(toCamelPath).join(',') };
      if (body.validateOnly) return response;
      const page = rows.slice(offset, offset + options.pageSize);
      if (!body.searchSettings?.omitResults && page.length > 0) response.results = page.map((row) => toProtoJson(row, query.fields));
      if (offset + options.pageSize < rows.length) response.nextPageToken = writePageToken(offset + options.pageSize, text);
      if (body.searchSettings?.returnTotalResultsCount) response.totalResultsCount = String(rows.length);
      response.queryResourceConsumption = String(Math.max(1, page.length) * query.fields.length);
      return response;
    },
  );

  app.post<{ Params: { version: string; customerId: string }; Body: { query?: string } }>(
    '/:version/customers/:customerId/googleAds::searchStream',
    async (request) => {
      const { query, rows } = runQuery(state, request.body?.query ?? '', options.today());
      const fieldMask = query.fields.map(toCamelPath).join(',');
      const requestId = randomBytes(11).toString('base64url');
      const batches: Record<string, unknown>[] = [];
      for (let i = 0; i < rows.length; i += options.streamBatchSize) {
        const batch = rows.slice(i, i + options.streamBatchSize);
        batches.push({ results: batch.map((row) => toProtoJson(row, query.fields)), fieldMask, requestId });
      }
      if (batches.length === 0) batches.push({ fieldMask, requestId });
      batches.at(-1)!.queryResourceConsumption = String(Math.max(1, rows.length) * query.fields.length);
      return batches;
    },
  );
}
