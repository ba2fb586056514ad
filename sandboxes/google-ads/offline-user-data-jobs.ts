/**
 * OfflineUserDataJobService for Customer Match: `offlineUserDataJobs:create` (a job for one CRM
 * list with job-level consent), `:addOperations` (create / remove / removeAll of users, each a
 * set of hashed identifiers with optional per-user consent; `enablePartialFailure`), and `:run`
 * (a long-running Operation; the job then goes RUNNING → SUCCESS as it is polled).
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.offlineUserDataJobs
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
 */
import type { FastifyInstance } from 'fastify';
import { entry, invalidArgument, partialFailureStatus, permissionDenied, type FieldPathElement, type GoogleAdsErrorEntry } from './errors.js';
import type { Consent, GoogleAdsState, SandboxJob } from './state.js';

/** Google's limits: 20 identifiers per user, 100,000 per request. */
export const MAX_IDENTIFIERS_PER_USER = 20;
export const MAX_IDENTIFIERS_PER_REQUEST = 100_000;
const CONSENT_VALUES = ['UNSPECIFIED', 'UNKNOWN', 'GRANTED', 'DENIED'];
const SHA256_HEX = /^[0-9a-f]{64}$/i;

interface UserIdentifierInput {
  hashedEmail?: string;
  hashedPhoneNumber?: string;
  mobileId?: string;
  thirdPartyUserId?: string;
  addressInfo?: { hashedFirstName?: string; hashedLastName?: string; countryCode?: string; postalCode?: string };
}
interface UserDataInput {
  userIdentifiers?: UserIdentifierInput[];
  consent?: Consent;
}
interface OperationInput {
  create?: UserDataInput;
  remove?: UserDataInput;
  removeAll?: boolean;
}

export interface JobRouteOptions {
  state: GoogleAdsState;
  /** Polls of a running job before it finishes. */
  readsToFinish: number;
  /** Since Apr 1 2026 Google accepts no new Customer Match adopters; false answers CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE. */
  customerMatchAllowlisted: () => boolean;
}

const notAllowlisted = () =>
  permissionDenied(
    entry('notAllowlistedError', 'CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE', 'Customer is not allowlisted for accessing this feature.'),
  );

function consentError(consent: Consent | undefined, at: FieldPathElement[]): GoogleAdsErrorEntry | undefined {
  for (const key of ['adUserData', 'adPersonalization'] as const) {
    const value = consent?.[key];
    if (value !== undefined && !CONSENT_VALUES.includes(value)) {
      const fieldName = key === 'adUserData' ? 'ad_user_data' : 'ad_personalization';
      return entry('requestError', 'INVALID_ENUM_VALUE', 'Enum value is not permitted.', [...at, { fieldName: 'consent' }, { fieldName }], value);
    }
  }
  return undefined;
}

/** The hashes of one user, or the error of its first bad identifier. */
function readUser(
  data: UserDataInput | undefined,
  at: FieldPathElement[],
  uploadKeyType: string | undefined,
): { hashes: string[]; consent: Consent | undefined } | { error: GoogleAdsErrorEntry } {
  const identifiers = data?.userIdentifiers ?? [];
  if (identifiers.length === 0) {
    return { error: entry('offlineUserDataJobError', 'MISSING_USER_IDENTIFIER', 'The user identifier is missing valid data.', [...at, { fieldName: 'user_identifiers' }]) };
  }
  if (identifiers.length > MAX_IDENTIFIERS_PER_USER) {
    return { error: entry('offlineUserDataJobError', 'TOO_MANY_USER_IDENTIFIERS', 'Maximum number of user identifiers allowed per operation is 20.', [...at, { fieldName: 'user_identifiers' }]) };
  }
  const hashes: string[] = [];
  for (const [index, id] of identifiers.entries()) {
    const where = (fieldName: string) => [...at, { fieldName: 'user_identifiers', index }, { fieldName }];
    const set = Object.keys(id).filter((k) => id[k as keyof UserIdentifierInput] !== undefined);
    if (set.length !== 1) {
      return { error: entry('offlineUserDataJobError', 'MISSING_USER_IDENTIFIER', 'Exactly one identifier must be set per UserIdentifier.', [...at, { fieldName: 'user_identifiers', index }]) };
    }
    for (const [key, fieldName] of [['hashedEmail', 'hashed_email'], ['hashedPhoneNumber', 'hashed_phone_number']] as const) {
      const value = id[key];
      if (value === undefined) continue;
      if (uploadKeyType !== 'CONTACT_INFO') {
        return { error: entry('offlineUserDataJobError', 'INCOMPATIBLE_UPLOAD_KEY_TYPE', 'Upload data is not compatible with the upload key type of the associated user list.', where(fieldName)) };
      }
      if (!SHA256_HEX.test(value)) {
        return { error: entry('offlineUserDataJobError', 'INVALID_SHA256_FORMAT', 'The SHA256 encoded value is malformed.', where(fieldName), value) };
      }
      hashes.push(value.toLowerCase());
    }
    if (id.addressInfo) {
      const { hashedFirstName, hashedLastName, countryCode, postalCode } = id.addressInfo;
      for (const [value, fieldName] of [[hashedFirstName, 'hashed_first_name'], [hashedLastName, 'hashed_last_name']] as const) {
        if (value === undefined || !SHA256_HEX.test(value)) {
          return { error: entry('offlineUserDataJobError', 'INVALID_SHA256_FORMAT', 'The SHA256 encoded value is malformed.', [...where('address_info'), { fieldName }], value ?? '') };
        }
      }
      hashes.push(`address:${hashedFirstName!.toLowerCase()}:${hashedLastName!.toLowerCase()}:${countryCode ?? ''}:${postalCode ?? ''}`);
    }
    if (id.mobileId !== undefined || id.thirdPartyUserId !== undefined) {
      const expected = id.mobileId !== undefined ? 'MOBILE_ADVERTISING_ID' : 'CRM_ID';
      if (uploadKeyType !== expected) {
        return { error: entry('offlineUserDataJobError', 'INCOMPATIBLE_UPLOAD_KEY_TYPE', 'Upload data is not compatible with the upload key type of the associated user list.', where(id.mobileId !== undefined ? 'mobile_id' : 'third_party_user_id')) };
      }
      hashes.push(`${expected}:${id.mobileId ?? id.thirdPartyUserId}`);
    }
  }
  const consentProblem = consentError(data?.consent, at);
  if (consentProblem) return { error: consentProblem };
  return { hashes, consent: data?.consent };
}

export function registerOfflineUserDataJobRoutes(app: FastifyInstance, options: JobRouteOptions): void {
  const { state } = options;
  const jobName = (id: string) => `customers/${state.customerId}/offlineUserDataJobs/${id}`;
  const findJob = (jobId: string): SandboxJob => {
    const job = state.jobs.get(jobId);
    if (!job) throw invalidArgument(entry('requestError', 'RESOURCE_NOT_FOUND', 'Requested resource not found.', [{ fieldName: 'resource_name' }], jobName(jobId)));
    return job;
  };

  app.post<{
    Params: { version: string; customerId: string };
    Body: { job?: { type?: string; customerMatchUserListMetadata?: { userList?: string; consent?: Consent } }; validateOnly?: boolean };
  }>('/:version/customers/:customerId/offlineUserDataJobs::create', async (request) => {
    if (!options.customerMatchAllowlisted()) throw notAllowlisted();
    const job = request.body?.job;
    if (!job?.type) throw invalidArgument(entry('requestError', 'REQUIRED_FIELD_MISSING', 'Required field is missing.', [{ fieldName: 'job' }, { fieldName: 'type' }]));
    if (job.type !== 'CUSTOMER_MATCH_USER_LIST') {
      throw invalidArgument(
        entry('offlineUserDataJobError', 'NOT_ON_ALLOWLIST_FOR_STORE_SALES_DIRECT', 'Customer is not on the allow-list for store sales direct data.', [{ fieldName: 'job' }, { fieldName: 'type' }], job.type),
      );
    }
    const metadata = job.customerMatchUserListMetadata;
    const at = [{ fieldName: 'job' }, { fieldName: 'customer_match_user_list_metadata' }];
    const listId = /^customers\/(\d+)\/userLists\/(\d+)$/.exec(metadata?.userList ?? '');
    const list = listId && listId[1] === state.customerId ? state.userLists.get(listId[2]!) : undefined;
    if (!list) {
      throw invalidArgument(entry('offlineUserDataJobError', 'INVALID_USER_LIST_ID', 'The user list ID provided for the job is invalid.', [...at, { fieldName: 'user_list' }], metadata?.userList ?? ''));
    }
    if (list.type !== 'CRM_BASED') {
      throw invalidArgument(entry('offlineUserDataJobError', 'INVALID_USER_LIST_TYPE', 'Type of the user list is not applicable for the job.', [...at, { fieldName: 'user_list' }], metadata!.userList!));
    }
    const consentProblem = consentError(metadata!.consent, at);
    if (consentProblem) throw invalidArgument(consentProblem);
    if (request.body?.validateOnly) return {};
    const id = state.nextId('job');
    state.jobs.set(id, {
      id,
      userListId: list.id,
      consent: metadata!.consent,
      status: 'PENDING',
      kind: undefined,
      removeAll: false,
      users: [],
      readsSinceRun: 0,
      readsToFinish: options.readsToFinish,
      matchRateRange: undefined,
    });
    return { resourceName: jobName(id) };
  });

  app.post<{
    Params: { version: string; customerId: string; jobId: string };
    Body: { operations?: OperationInput[]; enablePartialFailure?: boolean; validateOnly?: boolean };
  }>('/:version/customers/:customerId/offlineUserDataJobs/:jobId(^\\d+)::addOperations', async (request) => {
    if (!options.customerMatchAllowlisted()) throw notAllowlisted();
    const { version, jobId } = request.params;
    const job = findJob(jobId);
    if (job.status !== 'PENDING') {
      throw invalidArgument(entry('offlineUserDataJobError', 'JOB_ALREADY_STARTED', 'Once the upload job is started, new operations cannot be added.'));
    }
    const operations = request.body?.operations ?? [];
    if (operations.length === 0) throw invalidArgument(entry('requestError', 'REQUIRED_FIELD_MISSING', 'Operations are required.', [{ fieldName: 'operations' }]));
    const identifierCount = operations.reduce((n, op) => n + ((op.create ?? op.remove)?.userIdentifiers?.length ?? 0), 0);
    if (identifierCount > MAX_IDENTIFIERS_PER_REQUEST) {
      throw invalidArgument(entry('offlineUserDataJobError', 'TOO_MANY_USER_IDENTIFIERS', 'Maximum number of user identifiers allowed per request is 100,000.', [{ fieldName: 'operations' }]));
    }
    const uploadKeyType = state.userLists.get(job.userListId)?.uploadKeyType;
    const errors: GoogleAdsErrorEntry[] = [];
    const accepted: { kind: 'create' | 'remove'; user: { hashes: string[]; consent: Consent | undefined } }[] = [];
    let kind = job.kind;
    let removeAll = false;
    operations.forEach((op, index) => {
      const at: FieldPathElement[] = [{ fieldName: 'operations', index }];
      const set = [op.create, op.remove, op.removeAll].filter((v) => v !== undefined).length;
      if (set !== 1) {
        errors.push(entry('requestError', 'OPERATION_REQUIRED', 'Operation should have either create, remove or remove_all specified.', at));
        return;
      }
      if (op.removeAll !== undefined) {
        // remove_all must come first in the job, before any other operation.
        if (index !== 0 || job.users.length > 0 || job.removeAll) {
          errors.push(entry('offlineUserDataJobError', 'INVALID_OPERATION_ORDER', 'When a remove-all operation is provided, it has to be the first operation of the operation list.', [...at, { fieldName: 'remove_all' }]));
        } else if (op.removeAll) removeAll = true;
        return;
      }
      const opKind = op.create ? 'create' : 'remove';
      if (kind !== undefined && kind !== opKind) {
        errors.push(entry('offlineUserDataJobError', 'CONFLICTING_OPERATION', 'Mixing creation and removal of offline data in the same job is not allowed.', [...at, { fieldName: opKind }]));
        return;
      }
      const user = readUser(op.create ?? op.remove, [...at, { fieldName: opKind }], uploadKeyType);
      if ('error' in user) {
        errors.push(user.error);
        return;
      }
      kind = opKind;
      accepted.push({ kind: opKind, user });
    });
    if (errors.length > 0 && !request.body?.enablePartialFailure) throw invalidArgument(...errors);
    if (!request.body?.validateOnly) {
      if (removeAll) job.removeAll = true;
      if (accepted.length > 0) job.kind = kind;
      job.users.push(...accepted.map((a) => a.user));
    }
    return errors.length > 0 ? { partialFailureError: partialFailureStatus(errors, version) } : {};
  });

  app.post<{ Params: { version: string; customerId: string; jobId: string }; Body: { validateOnly?: boolean } }>(
    '/:version/customers/:customerId/offlineUserDataJobs/:jobId(^\\d+)::run',
    async (request) => {
      if (!options.customerMatchAllowlisted()) throw notAllowlisted();
      const { version, jobId } = request.params;
      const job = findJob(jobId);
      if (job.status !== 'PENDING') {
        throw invalidArgument(entry('offlineUserDataJobError', 'JOB_ALREADY_STARTED', 'The job has already been started.'));
      }
      if (!request.body?.validateOnly) {
        job.status = 'RUNNING';
        job.readsSinceRun = 0;
      }
      return {
        name: `customers/${state.customerId}/operations/${job.id}`,
        metadata: { '@type': `type.googleapis.com/google.ads.googleads.${version}.resources.OfflineUserDataJobMetadata` },
      };
    },
  );
}
