/**
 * Klaviyo client (revision pinned by configuration, `2026-07-15` by default): profiles (with
 * subscriptions and predictive analytics) by id or email in `any(...)` batches, every profile or
 * every event changed since a time by following `links.next`, metrics, lists and segments and their
 * members, and the asynchronous bulk subscribe / unsubscribe and data-privacy deletion jobs.
 * @see https://developers.klaviyo.com/en/reference/api_overview
 */
import type { VendorConnection } from '../../config/env.js';
import { isVendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp, type RequestOptions, type VendorHttpOptions } from '../http/vendor-http.js';
import { and, anyOf, chunks, compare, equals } from './filters.js';
import { klaviyoPages } from './paginate.js';
import {
  eventRecords,
  KlaviyoEventListSchema,
  KlaviyoListListSchema,
  KlaviyoMetricListSchema,
  KlaviyoProfileDocumentSchema,
  KlaviyoProfileListSchema,
  KlaviyoSegmentListSchema,
  type KlaviyoEventRecord,
  type KlaviyoList,
  type KlaviyoMetric,
  type KlaviyoProfile,
  type KlaviyoSegment,
} from './schemas.js';
import { interpretKlaviyoResponse, observeKlaviyoUsage } from './throttle.js';
import { deletionJobBody, subscribeJobBody, unsubscribeJobBody, type DeletionTarget, type SubscriptionChange } from './jobs.js';

export const KLAVIYO = 'klaviyo';
/** `page[size]` for profiles and list members is at most 100; `any()` filters are kept to the same size. */
export const KLAVIYO_PAGE_LIMIT = 100;
/** Get Events serves at most 200 events per page. */
export const KLAVIYO_EVENTS_PAGE = 200;
/** Bulk unsubscribe takes at most 100 profiles per job (subscribe takes 1000). */
export const KLAVIYO_UNSUBSCRIBE_LIMIT = 100;
export const KLAVIYO_SUBSCRIBE_LIMIT = 1000;

/** Profile reads are XL-tier at 75/s and 750/m; pace the account to the steady rate. */
export const KLAVIYO_BUDGET = { points: 12, durationMs: 1000 };

export type AdditionalProfileField = 'subscriptions' | 'predictive_analytics';

export interface ProfileReadOptions extends RequestOptions {
  /** `additional-fields[profile]`; predictive analytics move the read to the 10/s, 150/m tier. */
  additional?: readonly AdditionalProfileField[];
}

export interface EventQuery {
  profileId?: string;
  metricId?: string;
  /** Events at or after this instant (ISO). */
  since?: string;
  /** Events before this instant (ISO). */
  until?: string;
  sort?: 'datetime' | '-datetime';
  /** Also include each event's profile (for its email and phone). */
  withProfiles?: boolean;
  pageSize?: number;
}

export interface KlaviyoClient {
  getProfile(id: string, options?: ProfileReadOptions): Promise<KlaviyoProfile | undefined>;
  getProfilesById(ids: readonly string[], options?: ProfileReadOptions): Promise<KlaviyoProfile[]>;
  getProfilesByEmail(emails: readonly string[], options?: ProfileReadOptions): Promise<KlaviyoProfile[]>;
  /** Every profile, or those updated after `updatedAfter`, oldest change first when `updatedAfter` is set. */
  listProfiles(options?: { updatedAfter?: string; pageSize?: number; additional?: readonly AdditionalProfileField[] }): AsyncGenerator<KlaviyoProfile[]>;
  listEvents(query?: EventQuery): AsyncGenerator<KlaviyoEventRecord[]>;
  listMetrics(options?: RequestOptions): Promise<KlaviyoMetric[]>;
  listLists(options?: RequestOptions): Promise<KlaviyoList[]>;
  listSegments(options?: RequestOptions): Promise<KlaviyoSegment[]>;
  /** The profiles among these emails that are members of a list or segment (one call per 100 emails). */
  groupMembersByEmail(kind: 'list' | 'segment', groupId: string, emails: readonly string[], options?: RequestOptions): Promise<KlaviyoProfile[]>;
  listsOfProfile(profileId: string, options?: RequestOptions): Promise<KlaviyoList[]>;
  segmentsOfProfile(profileId: string, options?: RequestOptions): Promise<KlaviyoSegment[]>;
  /** Queues a bulk subscribe job (202); Klaviyo applies it asynchronously. */
  subscribe(change: SubscriptionChange): Promise<void>;
  /** Queues a bulk unsubscribe job (202). Without a list, the profiles are unsubscribed globally. */
  unsubscribe(change: SubscriptionChange): Promise<void>;
  /** Queues a data-privacy deletion of every profile matching the identifier (202). */
  requestDeletion(target: DeletionTarget): Promise<void>;
  close(): void;
}

export function createKlaviyoClient(
  connection: VendorConnection & { revision: string },
  runtime: ConnectorRuntime,
  /** Replaces core options (retry policy, breaker, sleep); tests shrink waits with it. */
  overrides: Partial<Pick<VendorHttpOptions, 'retry' | 'breaker' | 'sleep' | 'governor'>> = {},
): KlaviyoClient {
  const http = createVendorHttp({
    vendor: KLAVIYO,
    baseURL: connection.baseUrl,
    headers: {
      authorization: `Klaviyo-API-Key ${connection.credential}`,
      revision: connection.revision,
      accept: 'application/vnd.api+json',
      'content-type': 'application/vnd.api+json',
    },
    ...vendorHttpOptions(runtime, KLAVIYO, connection, KLAVIYO_BUDGET),
    interpret: interpretKlaviyoResponse,
    observe: (response) => observeKlaviyoUsage(response),
    ...overrides,
  });

  const additionalParam = (additional: readonly AdditionalProfileField[] | undefined) =>
    additional?.length ? { 'additional-fields[profile]': additional.join(',') } : {};

  /** Profiles matching `any(field, chunk)` for each chunk of 100 values. */
  async function profilesWhere(operation: string, field: string, values: readonly string[], options: ProfileReadOptions = {}) {
    const out: KlaviyoProfile[] = [];
    for (const chunk of chunks([...new Set(values)], KLAVIYO_PAGE_LIMIT)) {
      const params = { filter: anyOf(field, chunk), 'page[size]': KLAVIYO_PAGE_LIMIT, ...additionalParam(options.additional) };
      for await (const page of klaviyoPages(http, operation, KlaviyoProfileListSchema, '/api/profiles', params, options)) out.push(...page.data);
    }
    return out;
  }

  async function all<T>(pages: AsyncGenerator<{ data: T[] }>): Promise<T[]> {
    const out: T[] = [];
    for await (const page of pages) out.push(...page.data);
    return out;
  }

  /** Sends a job; Klaviyo answers 202 with an empty body. */
  async function job(operation: string, url: string, data: unknown) {
    await http.request(operation, { method: 'POST', url, data }, { retry: { maxAttempts: 5 } });
  }

  return {
    async getProfile(id, options = {}) {
      try {
        // @see https://developers.klaviyo.com/en/reference/get_profile
        const body = await http.request('profiles.get', { method: 'GET', url: `/api/profiles/${encodeURIComponent(id)}`, params: additionalParam(options.additional) }, options);
        return parseVendorPayload(KLAVIYO, 'profiles.get', KlaviyoProfileDocumentSchema, body).data;
      } catch (error) {
        if (isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND') return undefined;
        throw error;
      }
    },
    // @see https://developers.klaviyo.com/en/reference/get_profiles
    getProfilesById: (ids, options) => profilesWhere('profiles.byId', 'id', ids, options),
    getProfilesByEmail: (emails, options) => profilesWhere('profiles.byEmail', 'email', emails.map((e) => e.trim()), options),

    async *listProfiles({ updatedAfter, pageSize, additional } = {}) {
      // Only greater-than / less-than are allowed on `updated`; ascending order makes the
      // last row of each page a safe checkpoint.
      const params = {
        'page[size]': pageSize ?? KLAVIYO_PAGE_LIMIT,
        ...(updatedAfter ? { filter: compare('greater-than', 'updated', updatedAfter), sort: 'updated' } : {}),
        ...additionalParam(additional),
      };
      for await (const page of klaviyoPages(http, 'profiles.list', KlaviyoProfileListSchema, '/api/profiles', params)) {
        if (page.data.length > 0) yield page.data;
      }
    },

    async *listEvents(query = {}) {
      // @see https://developers.klaviyo.com/en/reference/get_events
      const filter = and(
        query.profileId ? equals('profile_id', query.profileId) : undefined,
        query.metricId ? equals('metric_id', query.metricId) : undefined,
        query.since ? compare('greater-or-equal', 'datetime', query.since) : undefined,
        query.until ? compare('less-than', 'datetime', query.until) : undefined,
      );
      const params = {
        'page[size]': query.pageSize ?? KLAVIYO_EVENTS_PAGE,
        include: query.withProfiles ? 'metric,profile' : 'metric',
        sort: query.sort ?? 'datetime',
        ...(filter ? { filter } : {}),
      };
      for await (const page of klaviyoPages(http, 'events.list', KlaviyoEventListSchema, '/api/events', params)) {
        if (page.data.length > 0) yield eventRecords(page.data, page.included);
      }
    },

    // @see https://developers.klaviyo.com/en/reference/get_metrics
    listMetrics: (options) => all(klaviyoPages(http, 'metrics.list', KlaviyoMetricListSchema, '/api/metrics', {}, options)),
    // @see https://developers.klaviyo.com/en/reference/get_lists (ten per page at most)
    listLists: (options) => all(klaviyoPages(http, 'lists.list', KlaviyoListListSchema, '/api/lists', {}, options)),
    // @see https://developers.klaviyo.com/en/reference/get_segments
    listSegments: (options) => all(klaviyoPages(http, 'segments.list', KlaviyoSegmentListSchema, '/api/segments', {}, options)),

    async groupMembersByEmail(kind, groupId, emails, options = {}) {
      // @see https://developers.klaviyo.com/en/reference/get_profiles_for_list
      const operation = `${kind}s.members`;
      const out: KlaviyoProfile[] = [];
      for (const chunk of chunks([...new Set(emails.map((e) => e.trim()))], KLAVIYO_PAGE_LIMIT)) {
        const params = { filter: anyOf('email', chunk), 'page[size]': KLAVIYO_PAGE_LIMIT };
        const path = `/api/${kind}s/${encodeURIComponent(groupId)}/profiles`;
        for await (const page of klaviyoPages(http, operation, KlaviyoProfileListSchema, path, params, options)) out.push(...page.data);
      }
      return out;
    },
    // @see https://developers.klaviyo.com/en/reference/get_lists_for_profile
    listsOfProfile: (id, options) =>
      all(klaviyoPages(http, 'profiles.lists', KlaviyoListListSchema, `/api/profiles/${encodeURIComponent(id)}/lists`, {}, options)),
    // @see https://developers.klaviyo.com/en/reference/get_segments_for_profile
    segmentsOfProfile: (id, options) =>
      all(klaviyoPages(http, 'profiles.segments', KlaviyoSegmentListSchema, `/api/profiles/${encodeURIComponent(id)}/segments`, {}, options)),

    async subscribe(change) {
      // @see https://developers.klaviyo.com/en/reference/bulk_subscribe_profiles
      for (const profiles of chunks(change.profiles, KLAVIYO_SUBSCRIBE_LIMIT)) {
        await job('subscriptions.subscribe', '/api/profile-subscription-bulk-create-jobs', subscribeJobBody({ ...change, profiles }));
      }
    },
    async unsubscribe(change) {
      // @see https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles
      for (const profiles of chunks(change.profiles, KLAVIYO_UNSUBSCRIBE_LIMIT)) {
        await job('subscriptions.unsubscribe', '/api/profile-subscription-bulk-delete-jobs', unsubscribeJobBody({ ...change, profiles }));
      }
    },
    // @see https://developers.klaviyo.com/en/reference/request_profile_deletion
    requestDeletion: (target) => job('dataPrivacy.deleteProfile', '/api/data-privacy-deletion-jobs', deletionJobBody(target)),
    close: () => http.close(),
  };
}
