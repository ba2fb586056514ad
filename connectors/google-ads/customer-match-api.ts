/**
 * Customer Match at the API level: CRM-based user lists (UserListService) and offline user data
 * jobs (OfflineUserDataJobService): create a job for a list with job-level consent, add
 * operations (always with `enablePartialFailure`, so one bad identifier does not sink the rest),
 * run it, and poll its status (PENDING → RUNNING → SUCCESS | FAILED) through GAQL.
 * A job either adds or removes users: Google refuses mixing them (CONFLICTING_OPERATION).
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.offlineUserDataJobs
 */
import { VendorError } from '../http/errors.js';
import { literal } from './gaql.js';
import { rowFailures, type RowFailure } from './partial-failure.js';
import { AddOperationsResponseSchema, JobRowSchema, MutateResponseSchema, OperationSchema, ResourceNameSchema, type JobRow } from './schemas.js';
import { GOOGLE_ADS, parseRows, type GoogleAdsTransport } from './transport.js';

export type GoogleConsentStatus = 'UNSPECIFIED' | 'UNKNOWN' | 'GRANTED' | 'DENIED';
export interface GoogleConsent {
  adUserData: GoogleConsentStatus;
  adPersonalization: GoogleConsentStatus;
}

export type UserIdentifier = { hashedEmail: string } | { hashedPhoneNumber: string };
export interface UserData {
  userIdentifiers: UserIdentifier[];
  consent?: GoogleConsent;
}
export type JobOperation = { create: UserData } | { remove: UserData } | { removeAll: true };

/** Google's limits per addOperations request. */
export const MAX_OPERATIONS_PER_REQUEST = 10_000;
export const MAX_IDENTIFIERS_PER_REQUEST = 100_000;

export interface JobPolling {
  /** First wait between polls; doubles up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  /** Gives up waiting (the job keeps running at Google) after this long. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_JOB_POLLING: JobPolling = {
  intervalMs: 250,
  maxIntervalMs: 30_000,
  timeoutMs: 120_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function createCustomerMatchApi(transport: GoogleAdsTransport, polling: JobPolling = DEFAULT_JOB_POLLING) {
  const jobPath = (resourceName: string, verb: string) => {
    const id = /^customers\/\d+\/offlineUserDataJobs\/(\d+)$/.exec(resourceName)?.[1];
    if (!id) throw new TypeError(`not an offline user data job: ${resourceName}`);
    return `/offlineUserDataJobs/${id}:${verb}`;
  };

  async function jobStatus(resourceName: string): Promise<JobRow> {
    const query =
      'SELECT offline_user_data_job.resource_name, offline_user_data_job.status, offline_user_data_job.failure_reason, ' +
      `offline_user_data_job.operation_metadata.match_rate_range FROM offline_user_data_job WHERE offline_user_data_job.resource_name = ${literal(resourceName)}`;
    const rows: Record<string, unknown>[] = [];
    for await (const page of transport.search('customerMatch.jobStatus', query)) rows.push(...page);
    const job = parseRows('customerMatch.jobStatus', JobRowSchema, rows)[0]?.offlineUserDataJob;
    if (!job) throw new VendorError('job not found', { vendor: GOOGLE_ADS, operation: 'customerMatch.jobStatus', code: 'UPSTREAM_NOT_FOUND', retryable: false });
    return job;
  }

  return {
    /** Creates a CRM-based list keyed by contact info; returns its resource name and id. */
    async createList(input: { name: string; description?: string; membershipLifeSpanDays?: number }): Promise<{ resourceName: string; id: string }> {
      const body = {
        operations: [
          {
            create: {
              name: input.name,
              description: input.description ?? '',
              // 10000 means "no expiry"; otherwise 0-540 days.
              membershipLifeSpan: String(input.membershipLifeSpanDays ?? 10_000),
              crmBasedUserList: { uploadKeyType: 'CONTACT_INFO', dataSourceType: 'FIRST_PARTY' },
            },
          },
        ],
      };
      const response = await transport.post('customerMatch.createList', '/userLists:mutate', body, MutateResponseSchema);
      const resourceName = response.results[0]?.resourceName;
      if (!resourceName) throw new VendorError('no list created', { vendor: GOOGLE_ADS, operation: 'customerMatch.createList', code: 'UPSTREAM_BAD_RESPONSE', retryable: false });
      return { resourceName, id: resourceName.split('/').at(-1)! };
    },

    async createJob(userList: string, consent: GoogleConsent): Promise<string> {
      const body = { job: { type: 'CUSTOMER_MATCH_USER_LIST', customerMatchUserListMetadata: { userList, consent } } };
      return (await transport.post('customerMatch.createJob', '/offlineUserDataJobs:create', body, ResourceNameSchema)).resourceName;
    },

    /** Adds operations in Google-sized requests; returns the operations Google refused, by index. */
    async addOperations(job: string, operations: readonly JobOperation[]): Promise<RowFailure[]> {
      const failures: RowFailure[] = [];
      let start = 0;
      while (start < operations.length) {
        let end = start;
        let identifiers = 0;
        while (end < operations.length && end - start < MAX_OPERATIONS_PER_REQUEST) {
          const op = operations[end]!;
          const count = 'removeAll' in op ? 0 : ('create' in op ? op.create : op.remove).userIdentifiers.length;
          if (identifiers + count > MAX_IDENTIFIERS_PER_REQUEST && end > start) break;
          identifiers += count;
          end++;
        }
        const response = await transport.post(
          'customerMatch.addOperations',
          jobPath(job, 'addOperations'),
          { enablePartialFailure: true, operations: operations.slice(start, end) },
          AddOperationsResponseSchema,
        );
        failures.push(...rowFailures(response.partialFailureError, 'operations').map((f) => ({ ...f, index: f.index + start })));
        start = end;
      }
      return failures;
    },

    async runJob(job: string): Promise<{ operation: string }> {
      return { operation: (await transport.post('customerMatch.runJob', jobPath(job, 'run'), {}, OperationSchema)).name };
    },

    jobStatus,

    /** Polls with growing intervals until the job is done, or returns its last status at the timeout. */
    async waitForJob(job: string): Promise<JobRow> {
      const started = Date.now();
      let interval = polling.intervalMs;
      for (;;) {
        const status = await jobStatus(job);
        if (status.status === 'SUCCESS' || status.status === 'FAILED') return status;
        if (Date.now() - started + interval > polling.timeoutMs) return status;
        await polling.sleep(interval);
        interval = Math.min(polling.maxIntervalMs, interval * 2);
      }
    },
  };
}

export type CustomerMatchApi = ReturnType<typeof createCustomerMatchApi>;
