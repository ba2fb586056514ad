/**
 * Google Ads API REST emulator: `googleAds:search` with a GAQL subset, fixed-size pages with
 * `nextPageToken`, proto3 JSON rows (lowerCamelCase, int64 as strings), `google.rpc.Status`
 * errors with a GoogleAdsFailure detail. `pageSize` is refused as the real API refuses it.
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.googleAds/search
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { bearerToken, createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { googleAdsFailure } from './errors.js';
import { GaqlError, parseGaql, type GaqlCondition } from './gaql.js';
import type { GaqlRow, GoogleAdsState } from './state.js';

/** Google Ads returns 10,000 rows per search page; tests shrink it to cross pages cheaply. */
export const SEARCH_PAGE_SIZE = 10_000;

export interface GoogleAdsSandboxOptions {
  state: GoogleAdsState;
  controls?: Partial<SandboxControls>;
  token?: string;
  pageSize?: number;
}

export function createGoogleAdsSandbox(options: GoogleAdsSandboxOptions): SandboxApp {
  const token = options.token ?? SANDBOX_CREDENTIALS.googleAds.token;
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const sandbox = createSandboxApp({
    vendor: 'google-ads',
    controls: options.controls,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 500,
      body: googleAdsFailure(
        kind === 'outage' ? 503 : 500,
        kind === 'outage' ? 'UNAVAILABLE' : 'INTERNAL',
        kind === 'outage' ? 'The service is currently unavailable.' : 'Internal error encountered.',
        [{ errorCode: { internalError: kind === 'outage' ? 'TRANSIENT_ERROR' : 'INTERNAL_ERROR' }, message: 'An internal error has occurred.' }],
      ),
    }),
  });
  const { app } = sandbox;
  const { state } = options;

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    if (bearerToken(request) !== token) {
      return reply.code(401).send(
        googleAdsFailure(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.', [
          { errorCode: { authenticationError: 'NOT_ADS_USER' }, message: 'The OAuth access token is not valid.' },
        ]),
      );
    }
  });

  app.post<{
    Params: { version: string; customerId: string };
    Body: { query?: string; pageToken?: string; pageSize?: number };
  }>('/:version/customers/:customerId/googleAds::search', async (request, reply) => {
    if (request.params.customerId !== state.customerId) {
      return reply.code(403).send(
        googleAdsFailure(403, 'PERMISSION_DENIED', "The caller does not have permission", [
          { errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer." },
        ]),
      );
    }
    const body = request.body ?? {};
    if (body.pageSize !== undefined) {
      return reply.code(400).send(
        googleAdsFailure(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
          { errorCode: { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }, message: 'Setting the page size is not supported.' },
        ]),
      );
    }
    let rows: GaqlRow[];
    let fields: string[];
    try {
      const query = parseGaql(body.query ?? '');
      fields = query.fields;
      rows = (state.resources.get(query.resource) ?? []).filter((row) => query.where.every((c) => matches(row, c)));
      for (const order of [...query.orderBy].reverse()) {
        rows = [...rows].sort((a, b) => compare(a[order.field], b[order.field]) * (order.direction === 'DESC' ? -1 : 1));
      }
      if (query.limit !== undefined) rows = rows.slice(0, query.limit);
    } catch (error) {
      if (!(error instanceof GaqlError)) throw error;
      return reply.code(400).send(
        googleAdsFailure(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
          { errorCode: { queryError: error.queryError }, message: error.message },
        ]),
      );
    }
    const offset = body.pageToken ? Number(Buffer.from(body.pageToken, 'base64url').toString()) : 0;
    const page = rows.slice(offset, offset + pageSize);
    const response: Record<string, unknown> = {
      results: page.map((row) => toProtoJson(row, fields)),
      fieldMask: fields.map(toCamelPath).join(','),
      queryResourceConsumption: String(page.length * fields.length),
    };
    if (offset + pageSize < rows.length) {
      response.nextPageToken = Buffer.from(String(offset + pageSize)).toString('base64url');
    }
    return response;
  });

  return sandbox;
}

function matches(row: GaqlRow, condition: GaqlCondition): boolean {
  const actual = row[condition.field];
  const v = condition.value;
  switch (condition.operator) {
    case '=':
      return String(actual) === String(v);
    case '!=':
      return String(actual) !== String(v);
    case 'IN':
      return Array.isArray(v) && v.map(String).includes(String(actual));
    case 'NOT IN':
      return Array.isArray(v) && !v.map(String).includes(String(actual));
    case '>':
      return compare(actual, v as string | number) > 0;
    case '>=':
      return compare(actual, v as string | number) >= 0;
    case '<':
      return compare(actual, v as string | number) < 0;
    case '<=':
      return compare(actual, v as string | number) <= 0;
    case 'BETWEEN':
      return Array.isArray(v) && compare(actual, v[0]!) >= 0 && compare(actual, v[1]!) <= 0;
    case 'LIKE':
      return new RegExp(`^${String(v).replace(/%/g, '.*')}$`).test(String(actual));
    case 'DURING':
      return true; // date ranges relative to today: the demo world keeps all of its history in range
  }
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

const toCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const toCamelPath = (path: string) => path.split('.').map(toCamel).join('.');

/** Nests `a.b_c` fields into `{a: {bC}}`, always including the resource names of the selected objects. */
function toProtoJson(row: GaqlRow, fields: string[]) {
  const out: Record<string, Record<string, unknown>> = {};
  const set = (path: string) => {
    const [resource, ...rest] = path.split('.');
    if (!resource || rest.length === 0 || row[path] === undefined) return;
    const value = row[path]!;
    // proto3 JSON writes int64 as strings; metrics counters are int64.
    out[toCamel(resource)] ??= {};
    out[toCamel(resource)]![toCamel(rest.join('_'))] = typeof value === 'number' ? String(value) : value;
  };
  for (const field of fields) {
    set(field);
    const resource = field.split('.')[0]!;
    if (resource !== 'segments' && resource !== 'metrics') set(`${resource}.resource_name`);
  }
  return out;
}
