/**
 * HubSpot client: CRM objects (contacts, deals, emails, calls, notes), associations v4,
 * communication preferences, GDPR delete, owners and account details. Every read has a batch form
 * for DataLoader; lists follow `paging.next.after` to the last page. The API version (legacy v3/v4
 * paths or the date-based 2026-09 ones) comes from configuration.
 * @see https://developers.hubspot.com/docs/api-reference/overview
 */
import type { HubSpotConnection } from '../../config/env.js';
import { isVendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp, type RequestOptions, type VendorHttp, type VendorHttpOptions } from '../http/vendor-http.js';
import { hubSpotPaths, type HubSpotApiVersion } from './paths.js';
import {
  AccountDetailsSchema,
  AssociationBatchSchema,
  CONTACT_PROPERTIES,
  HubSpotBatchReadSchema,
  HubSpotObjectListSchema,
  HubSpotObjectSchema,
  HubSpotSearchSchema,
  OwnerListSchema,
  PublicStatusSchema,
  StatusesBatchSchema,
  StatusesSchema,
  SubscriptionDefinitionsSchema,
  type HubSpotAccountDetails,
  type HubSpotContact,
  type HubSpotLegalBasis,
  type HubSpotObject,
  type HubSpotObjectType,
  type HubSpotOwner,
  type PublicStatus,
  type SubscriptionDefinition,
} from './schemas.js';
import { interpretHubSpotResponse, observeHubSpotUsage } from './throttle.js';

export const HUBSPOT = 'hubspot';
/** HubSpot's object batch endpoints take at most 100 inputs. */
export const HUBSPOT_BATCH_LIMIT = 100;
/** Associations v4 batch read takes up to 1,000 inputs. */
const ASSOCIATION_BATCH_LIMIT = 1000;
/** Search pages hold at most 200 results. */
export const SEARCH_PAGE_MAX = 200;

/** HubSpot Professional: 190 calls per 10 s per app; the Free/Starter 100 is the safe default. */
export const HUBSPOT_BUDGET = { points: 100, durationMs: 10_000 };

/** Per-call options: an interactive read passes a deadline so it never waits past its budget. */
export type CallOptions = Pick<RequestOptions, 'deadline' | 'retry'>;

export interface ReadOptions {
  properties?: readonly string[];
  propertiesWithHistory?: readonly string[];
  idProperty?: 'email';
}

export interface SearchFilter {
  propertyName: string;
  operator: 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN' | 'NOT_CONTAINS_TOKEN';
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[];
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  properties?: readonly string[];
  limit?: number;
  after?: string;
}

export interface StatusChange {
  subscriptionId: string;
  statusState: 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'NOT_SPECIFIED';
  legalBasis?: HubSpotLegalBasis;
  legalBasisExplanation?: string;
}

export interface HubSpotClient {
  readonly apiVersion: HubSpotApiVersion;
  getContact(id: string, call?: CallOptions): Promise<HubSpotContact | undefined>;
  getContactByEmail(email: string, call?: CallOptions): Promise<HubSpotContact | undefined>;
  /** Contacts with the hub's contact properties; one call per 100 ids; unknown ids are absent. */
  batchReadContacts(ids: readonly string[], idProperty?: 'email', call?: CallOptions): Promise<HubSpotContact[]>;
  /** Every contact, page by page (100 per page by default), following `paging.next.after` to the end. */
  listContacts(pageSize?: number): AsyncGenerator<HubSpotContact[]>;
  /** Any object type, one call per 100 ids (207 answers: the ids HubSpot could not read are absent). */
  batchReadObjects(type: HubSpotObjectType, ids: readonly string[], options?: ReadOptions, call?: CallOptions): Promise<HubSpotObject[]>;
  /** One page of a CRM search. */
  search(type: HubSpotObjectType, request: SearchRequest, call?: CallOptions): Promise<{ total: number; results: HubSpotObject[]; after: string | undefined }>;
  /** Associated ids per input id (every page), in one call per 1,000 inputs; ids without associations map to []. */
  batchReadAssociations(from: HubSpotObjectType, to: HubSpotObjectType, ids: readonly string[], call?: CallOptions): Promise<Map<string, string[]>>;
  subscriptionDefinitions(call?: CallOptions): Promise<SubscriptionDefinition[]>;
  /** v4 statuses of many addresses (lower-cased), one call per 100. */
  batchReadSubscriptionStatuses(emails: readonly string[], call?: CallOptions): Promise<Map<string, PublicStatus[]>>;
  setSubscriptionStatus(email: string, change: StatusChange, call?: CallOptions): Promise<PublicStatus>;
  /** GDPR delete; false when HubSpot holds no such contact. */
  gdprDeleteContact(idOrEmail: string, idProperty?: 'email', call?: CallOptions): Promise<boolean>;
  listOwners(call?: CallOptions): Promise<HubSpotOwner[]>;
  accountDetails(call?: CallOptions): Promise<HubSpotAccountDetails>;
  close(): void;
}

/** Retry and breaker settings other than the core's defaults (tests shrink them). */
export type HubSpotHttpOverrides = Pick<VendorHttpOptions, 'retry' | 'breaker' | 'sleep'>;

export function createHubSpotClient(connection: HubSpotConnection, runtime: ConnectorRuntime, overrides: HubSpotHttpOverrides = {}): HubSpotClient {
  const http: VendorHttp = createVendorHttp({
    vendor: HUBSPOT,
    baseURL: connection.baseUrl,
    headers: { authorization: `Bearer ${connection.credential}` },
    interpret: interpretHubSpotResponse,
    observe: observeHubSpotUsage,
    ...vendorHttpOptions(runtime, HUBSPOT, connection, HUBSPOT_BUDGET),
    ...overrides,
  });
  const paths = hubSpotPaths(connection.apiVersion);
  const contactProperties = CONTACT_PROPERTIES.join(',');
  // 207 Multi-Status is a success: the inputs HubSpot could not read are listed in `errors`.
  const request = <T>(operation: string, config: Parameters<VendorHttp['request']>[1], call?: CallOptions) => http.request<T>(operation, config, call);
  const notFoundAsUndefined = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND') return undefined;
      throw error;
    }
  };

  const getBy = (operation: string, id: string, idProperty: 'email' | undefined, call?: CallOptions) =>
    notFoundAsUndefined(async () => {
      const body = await request(operation, {
        method: 'GET',
        url: `${paths.objects('contacts')}/${encodeURIComponent(id)}`,
        params: { properties: contactProperties, ...(idProperty ? { idProperty } : {}) },
      }, call);
      return parseVendorPayload(HUBSPOT, operation, HubSpotObjectSchema, body);
    });

  const batchReadObjects: HubSpotClient['batchReadObjects'] = async (type, ids, options = {}, call) => {
    const operation = `${type}.batchRead`;
    const results: HubSpotObject[] = [];
    // @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
    for (let i = 0; i < ids.length; i += HUBSPOT_BATCH_LIMIT) {
      const body = await request(operation, {
        method: 'POST',
        url: `${paths.objects(type)}/batch/read`,
        data: {
          inputs: ids.slice(i, i + HUBSPOT_BATCH_LIMIT).map((id) => ({ id })),
          properties: options.properties ?? [],
          propertiesWithHistory: options.propertiesWithHistory ?? [],
          ...(options.idProperty ? { idProperty: options.idProperty } : {}),
        },
      }, call);
      results.push(...parseVendorPayload(HUBSPOT, operation, HubSpotBatchReadSchema, body).results);
    }
    return results;
  };

  return {
    apiVersion: connection.apiVersion,
    getContact: (id, call) => getBy('contacts.get', id, undefined, call),
    getContactByEmail: (email, call) => getBy('contacts.getByEmail', email, 'email', call),
    batchReadContacts: (ids, idProperty, call) =>
      batchReadObjects('contacts', ids, { properties: CONTACT_PROPERTIES, ...(idProperty ? { idProperty } : {}) }, call),
    batchReadObjects,

    async *listContacts(pageSize = 100) {
      let after: string | undefined;
      // @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
      do {
        const body = await request('contacts.list', {
          method: 'GET',
          url: paths.objects('contacts'),
          params: { limit: pageSize, properties: contactProperties, ...(after ? { after } : {}) },
        });
        const page = parseVendorPayload(HUBSPOT, 'contacts.list', HubSpotObjectListSchema, body);
        if (page.results.length > 0) yield page.results;
        after = page.paging?.next?.after;
      } while (after);
    },

    async search(type, search, call) {
      const operation = `${type}.search`;
      // @see https://developers.hubspot.com/docs/guides/api/crm/search
      const body = await request(operation, {
        method: 'POST',
        url: `${paths.objects(type)}/search`,
        data: { ...search, limit: Math.min(search.limit ?? 100, SEARCH_PAGE_MAX) },
      }, call);
      const page = parseVendorPayload(HUBSPOT, operation, HubSpotSearchSchema, body);
      return { total: page.total, results: page.results, after: page.paging?.next?.after };
    },

    async batchReadAssociations(from, to, ids, call) {
      const operation = `associations.${from}.${to}.batchRead`;
      const out = new Map<string, string[]>(ids.map((id) => [id, []]));
      // Inputs whose associations run past one page are asked again from their cursor.
      let pending: { id: string; after?: string }[] = ids.map((id) => ({ id }));
      // @see https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-read
      while (pending.length > 0) {
        const next: { id: string; after?: string }[] = [];
        for (let i = 0; i < pending.length; i += ASSOCIATION_BATCH_LIMIT) {
          const body = await request(operation, {
            method: 'POST',
            url: paths.associationsBatchRead(from, to),
            data: { inputs: pending.slice(i, i + ASSOCIATION_BATCH_LIMIT) },
          }, call);
          for (const result of parseVendorPayload(HUBSPOT, operation, AssociationBatchSchema, body).results) {
            out.get(result.from.id)?.push(...result.to.map((t) => t.toObjectId));
            const after = result.paging?.next?.after;
            if (after) next.push({ id: result.from.id, after });
          }
        }
        pending = next;
      }
      return out;
    },

    async subscriptionDefinitions(call) {
      // @see https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/definitions/get-communication-preferences-v3-definitions
      const body = await request('subscriptions.definitions', { method: 'GET', url: paths.definitions }, call);
      return parseVendorPayload(HUBSPOT, 'subscriptions.definitions', SubscriptionDefinitionsSchema, body).subscriptionDefinitions;
    },

    async batchReadSubscriptionStatuses(emails, call) {
      const out = new Map<string, PublicStatus[]>();
      // @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/batch/post-communication-preferences-v4-statuses-batch-read
      for (let i = 0; i < emails.length; i += HUBSPOT_BATCH_LIMIT) {
        const body = await request('subscriptions.batchRead', {
          method: 'POST',
          url: paths.statuses('batch/read'),
          params: { channel: 'EMAIL' },
          data: { inputs: emails.slice(i, i + HUBSPOT_BATCH_LIMIT) },
        }, call);
        for (const result of parseVendorPayload(HUBSPOT, 'subscriptions.batchRead', StatusesBatchSchema, body).results) {
          out.set(result.subscriberIdString.toLowerCase(), result.statuses);
        }
      }
      return out;
    },

    async setSubscriptionStatus(email, change, call) {
      // @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/subscription-status/post-communication-preferences-v4-statuses-subscriberIdString
      const body = await request('subscriptions.set', {
        method: 'POST',
        url: paths.statuses(encodeURIComponent(email)),
        data: { channel: 'EMAIL', ...change, subscriptionId: Number(change.subscriptionId) },
      }, call);
      const [status] = parseVendorPayload(HUBSPOT, 'subscriptions.set', StatusesSchema, body).results;
      return PublicStatusSchema.parse(status);
    },

    async gdprDeleteContact(idOrEmail, idProperty, call) {
      // @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete
      const done = await notFoundAsUndefined(() =>
        request('contacts.gdprDelete', {
          method: 'POST',
          url: `${paths.objects('contacts')}/gdpr-delete`,
          data: { objectId: idOrEmail, ...(idProperty ? { idProperty } : {}) },
        }, call).then(() => true),
      );
      return done ?? false;
    },

    async listOwners(call) {
      const owners: HubSpotOwner[] = [];
      let after: string | undefined;
      // @see https://developers.hubspot.com/docs/api-reference/crm-owners-v3/guide
      do {
        const body = await request('owners.list', { method: 'GET', url: paths.owners, params: { limit: 500, ...(after ? { after } : {}) } }, call);
        const page = parseVendorPayload(HUBSPOT, 'owners.list', OwnerListSchema, body);
        owners.push(...page.results);
        after = page.paging?.next?.after;
      } while (after);
      return owners;
    },

    async accountDetails(call) {
      // @see https://developers.hubspot.com/docs/api-reference/account-account-info-v3/guide
      const body = await request('account.details', { method: 'GET', url: paths.accountDetails }, call);
      return parseVendorPayload(HUBSPOT, 'account.details', AccountDetailsSchema, body);
    },

    close: () => http.close(),
  };
}
