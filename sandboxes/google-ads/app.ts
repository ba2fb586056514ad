/**
 * Google Ads API REST emulator (any live major, v23–v26): GoogleAdsService search and
 * searchStream over a GAQL subset, UserListService and OfflineUserDataJobService for Customer
 * Match, ConversionUploadService, with Google's auth, `login-customer-id`, quota and error shapes.
 * @see https://developers.google.com/google-ads/api/rest/overview
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { registerAccessHook } from './access.js';
import { registerAdminRoutes, type Allowlist } from './admin.js';
import { registerClickConversionRoutes } from './click-conversions.js';
import { googleAdsFailure, GoogleAdsApiError } from './errors.js';
import { toDate } from './gaql-dates.js';
import { registerOfflineUserDataJobRoutes } from './offline-user-data-jobs.js';
import { QuotaGuard, type QuotaOptions } from './quota.js';
import { registerSearchRoutes } from './search.js';
import type { GoogleAdsState } from './state.js';
import { registerUserListRoutes } from './user-lists.js';

/** Google Ads returns 10,000 rows per search page; tests shrink it to cross pages cheaply. */
export const SEARCH_PAGE_SIZE = 10_000;

export interface GoogleAdsSandboxOptions {
  state: GoogleAdsState;
  controls?: Partial<SandboxControls>;
  token?: string;
  pageSize?: number;
  streamBatchSize?: number;
  /** The account's clock (what TODAY, LAST_30_DAYS and the click_view window mean). @default Date.now */
  now?: () => number;
  quota?: QuotaOptions;
  /** The clock the rate limits count with (real time by default, whatever `now` says). */
  quotaClock?: () => number;
  /** Polls of a running offline user data job before it finishes. @default 2 */
  jobReadsToFinish?: number;
  /** The OAuth user reaches the account only through its manager: `login-customer-id` is required. */
  requireLoginCustomerId?: boolean;
  allowlisted?: Partial<Allowlist>;
}

export function createGoogleAdsSandbox(options: GoogleAdsSandboxOptions): SandboxApp {
  const now = options.now ?? Date.now;
  const today = () => toDate(now());
  const allowlist: Allowlist = { customerMatch: true, conversionUploads: true, ...options.allowlisted };
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

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 404, message: `Method not found: ${request.method} ${request.url.split('?')[0]}`, status: 'NOT_FOUND' } }),
  );
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const version = /^v\d+$/.test((request.params as { version?: string })?.version ?? '') ? (request.params as { version: string }).version : 'v26';
    // searchStream answers errors as a JSON array too.
    const wrap = (body: unknown) => (request.url.includes('googleAds:searchStream') ? [body] : body);
    if (error instanceof GoogleAdsApiError) return reply.code(error.httpStatus).send(wrap(error.body(version)));
    if (error.statusCode === 400 || error.statusCode === 415) {
      return reply.code(400).send(wrap({ error: { code: 400, message: `Invalid JSON payload received. ${error.message}`, status: 'INVALID_ARGUMENT' } }));
    }
    return reply.code(500).send(wrap({ error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } }));
  });

  const quota = new QuotaGuard(options.quota, options.quotaClock);
  const oauth = { revoked: false };
  registerAccessHook(app, state, {
    token: options.token ?? SANDBOX_CREDENTIALS.googleAds.token,
    oauth,
    requireLoginCustomerId: options.requireLoginCustomerId ?? false,
    quota,
    controls: sandbox.controls,
  });
  registerSearchRoutes(app, {
    state,
    today,
    pageSize: options.pageSize ?? SEARCH_PAGE_SIZE,
    streamBatchSize: options.streamBatchSize ?? SEARCH_PAGE_SIZE,
  });
  registerUserListRoutes(app, state);
  registerOfflineUserDataJobRoutes(app, {
    state,
    readsToFinish: options.jobReadsToFinish ?? 2,
    customerMatchAllowlisted: () => allowlist.customerMatch,
  });
  registerClickConversionRoutes(app, { state, now, conversionUploadsAllowlisted: () => allowlist.conversionUploads });
  registerAdminRoutes(app, { state, allowlist, quota, oauth, now });
  return sandbox;
}
