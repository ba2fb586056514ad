/**
 * The Google Ads REST client (API version from configuration): GAQL reads, Customer Match
 * (UserListService, OfflineUserDataJobService) and click conversion uploads over one transport.
 * "Today" is the account's day; the sandbox account and this client count days in UTC.
 * @see https://developers.google.com/google-ads/api/rest/overview
 */
import type { RetryPolicy } from '../http/retry.js';
import type { ConnectorRuntime } from '../http/runtime.js';
import { createConversionApi } from './conversion-api.js';
import { createCustomerMatchApi, DEFAULT_JOB_POLLING, type JobPolling } from './customer-match-api.js';
import { toDay } from './dates.js';
import { createReads } from './reads.js';
import { createGoogleAdsTransport, type GoogleAdsConnection } from './transport.js';

export { GOOGLE_ADS } from './transport.js';

export interface GoogleAdsClientOptions {
  /** The clock that decides "today" (click windows, sync days). @default Date.now */
  now?: () => number;
  jobPolling?: Partial<JobPolling>;
  /** Overrides the core's retry policy (tests, batch jobs). */
  retry?: Partial<RetryPolicy>;
  /** The longest one call waits on the rate budget and retries. @default 30000 */
  requestDeadlineMs?: number;
}

export function createGoogleAdsClient(connection: GoogleAdsConnection, runtime: ConnectorRuntime, options: GoogleAdsClientOptions = {}) {
  const transport = createGoogleAdsTransport(connection, runtime, { retry: options.retry, deadlineMs: options.requestDeadlineMs });
  const now = options.now ?? Date.now;
  const today = () => toDay(now());
  return {
    customerId: transport.customerId,
    /** `customers/{id}`, the prefix of every resource name of the account. */
    customerResource: transport.customerResource,
    now,
    today,
    search: transport.search,
    searchStream: transport.searchStream,
    ...createReads(transport, today),
    customerMatch: createCustomerMatchApi(transport, { ...DEFAULT_JOB_POLLING, ...options.jobPolling }),
    conversions: createConversionApi(transport),
    close: transport.close,
  };
}

export type GoogleAdsClient = ReturnType<typeof createGoogleAdsClient>;
