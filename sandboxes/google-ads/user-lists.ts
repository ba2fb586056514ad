/**
 * UserListService: `userLists:mutate` creating CRM-based (Customer Match) lists and removing
 * lists, with `partialFailure` (failed operations come back as empty results and are described
 * in `partialFailureError`) and `validateOnly`.
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.userLists/mutate
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started#create_a_customer_match_user_list
 */
import type { FastifyInstance } from 'fastify';
import { entry, invalidArgument, partialFailureStatus, type FieldPathElement, type GoogleAdsErrorEntry } from './errors.js';
import type { GoogleAdsState, SandboxUserList } from './state.js';

/** Google refuses more mutate operations than this in one request. */
export const MAX_MUTATE_OPERATIONS = 10_000;
const UPLOAD_KEY_TYPES = ['CONTACT_INFO', 'CRM_ID', 'MOBILE_ADVERTISING_ID'];
const DATA_SOURCE_TYPES = ['FIRST_PARTY', 'THIRD_PARTY_CREDIT_BUREAU', 'THIRD_PARTY_VOTER_FILE'];

interface UserListInput {
  name?: string;
  description?: string;
  membershipLifeSpan?: string | number;
  crmBasedUserList?: { uploadKeyType?: string; dataSourceType?: string };
}

interface MutateBody {
  operations?: { create?: UserListInput; remove?: string }[];
  partialFailure?: boolean;
  validateOnly?: boolean;
}

type Outcome = { resourceName: string; apply: () => void } | { error: GoogleAdsErrorEntry };

export function registerUserListRoutes(app: FastifyInstance, state: GoogleAdsState): void {
  const listName = (id: string) => `customers/${state.customerId}/userLists/${id}`;

  function validateCreate(input: UserListInput, at: FieldPathElement[], namesInRequest: Set<string>): Outcome {
    const where = (...more: FieldPathElement[]) => [...at, { fieldName: 'create' }, ...more];
    if (!input.name?.trim()) return { error: entry('requestError', 'REQUIRED_FIELD_MISSING', 'Required field is missing.', where({ fieldName: 'name' })) };
    const name = input.name.trim();
    const taken = [...state.userLists.values()].some((l) => l.name === name) || namesInRequest.has(name);
    if (taken) return { error: entry('userListError', 'NAME_ALREADY_USED', 'Name is already being used for another user list for the account.', where({ fieldName: 'name' }), name) };
    const crm = input.crmBasedUserList;
    if (!crm) return { error: entry('requestError', 'REQUIRED_FIELD_MISSING', 'Only CRM-based (Customer Match) lists can be created here.', where({ fieldName: 'crm_based_user_list' })) };
    const uploadKeyType = crm.uploadKeyType ?? 'CONTACT_INFO';
    if (!UPLOAD_KEY_TYPES.includes(uploadKeyType)) {
      return { error: entry('requestError', 'INVALID_ENUM_VALUE', 'Enum value is not permitted.', where({ fieldName: 'crm_based_user_list' }, { fieldName: 'upload_key_type' }), uploadKeyType) };
    }
    const dataSourceType = crm.dataSourceType ?? 'FIRST_PARTY';
    if (!DATA_SOURCE_TYPES.includes(dataSourceType)) {
      return { error: entry('requestError', 'INVALID_ENUM_VALUE', 'Enum value is not permitted.', where({ fieldName: 'crm_based_user_list' }, { fieldName: 'data_source_type' }), dataSourceType) };
    }
    const span = Number(input.membershipLifeSpan ?? 10_000);
    if (!Number.isInteger(span) || span < 0) return { error: entry('rangeError', 'TOO_LOW', 'Too low.', where({ fieldName: 'membership_life_span' }), String(span)) };
    // 0 to 540 days, or 10000 for no expiry.
    if (span > 540 && span !== 10_000) return { error: entry('rangeError', 'TOO_HIGH', 'Too high.', where({ fieldName: 'membership_life_span' }), String(span)) };
    namesInRequest.add(name);
    const id = state.nextId('userList');
    const list: SandboxUserList = {
      id,
      name,
      description: input.description ?? '',
      type: 'CRM_BASED',
      membershipLifeSpan: span,
      uploadKeyType,
      dataSourceType,
      members: [],
    };
    return {
      resourceName: listName(id),
      apply: () => {
        state.userLists.set(id, list);
        if (state.autoTargetNewLists) {
          for (const c of state.campaigns.filter((c) => c.channel !== 'SEARCH')) {
            state.criteria.push({ campaignId: c.id, criterionId: state.nextId('criterion'), userListId: id });
          }
        }
      },
    };
  }

  function validateRemove(resourceName: string, at: FieldPathElement[]): Outcome {
    const id = /^customers\/(\d+)\/userLists\/(\d+)$/.exec(resourceName);
    if (!id || id[1] !== state.customerId || !state.userLists.has(id[2]!)) {
      return { error: entry('mutateError', 'RESOURCE_NOT_FOUND', 'The requested resource was not found.', [...at, { fieldName: 'remove' }], resourceName) };
    }
    return {
      resourceName,
      apply: () => {
        state.userLists.delete(id[2]!);
        state.criteria = state.criteria.filter((c) => c.userListId !== id[2]);
      },
    };
  }

  app.post<{ Params: { version: string; customerId: string }; Body: MutateBody }>(
    '/:version/customers/:customerId/userLists::mutate',
    async (request) => {
      const { version } = request.params;
      const body = request.body ?? {};
      const operations = body.operations ?? [];
      if (operations.length === 0) throw invalidArgument(entry('requestError', 'REQUIRED_FIELD_MISSING', 'Operations are required.', [{ fieldName: 'operations' }]));
      if (operations.length > MAX_MUTATE_OPERATIONS) {
        throw invalidArgument(entry('requestError', 'TOO_MANY_MUTATE_OPERATIONS', 'Received too many entries in request.', [{ fieldName: 'operations' }]));
      }
      const names = new Set<string>();
      const outcomes = operations.map((op, index): Outcome => {
        const at = [{ fieldName: 'operations', index }];
        if (op.create && op.remove === undefined) return validateCreate(op.create, at, names);
        if (op.remove !== undefined && !op.create) return validateRemove(op.remove, at);
        return { error: entry('requestError', 'OPERATION_REQUIRED', 'Mutate operation should have either create, update, or remove specified.', at) };
      });
      const errors = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
      if (errors.length > 0 && !body.partialFailure) throw invalidArgument(...errors);
      if (!body.validateOnly) for (const o of outcomes) if ('apply' in o) o.apply();
      return {
        ...(errors.length > 0 ? { partialFailureError: partialFailureStatus(errors, version) } : {}),
        results: outcomes.map((o) => ('resourceName' in o ? { resourceName: o.resourceName } : {})),
      };
    },
  );
}
