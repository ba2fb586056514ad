/**
 * Profiles: get one, list with `filter` / `sort` / `additional-fields[profile]`, and a profile's
 * lists and segments.
 * @see https://developers.klaviyo.com/en/reference/get_profiles
 * @see https://developers.klaviyo.com/en/reference/get_profile
 * @see https://developers.klaviyo.com/en/reference/get_lists_for_profile
 * @see https://developers.klaviyo.com/en/reference/get_segments_for_profile
 */
import type { FastifyReply } from 'fastify';
import { bucket, listParam, origin, pagingErrors, readFilter, readSort, selfUrl, type KlaviyoRouteContext, type Query } from './context.js';
import { invalid, notFound } from './errors.js';
import { matchesFilter, type FilterCondition, type FilterRules } from './filter.js';
import { collectionLinks, keysetPage, pageSize, sortRows, type SortKey } from './paging.js';
import { listResource, profileResource, segmentResource, type ProfileExtras } from './resources.js';
import { INDEXED_PROFILE_FIELDS, type IndexedProfileField, type KlaviyoProfileRecord, type KlaviyoState } from './state.js';

const PROFILE_FILTERS: FilterRules = {
  id: ['any', 'equals'],
  email: ['any', 'equals'],
  phone_number: ['any', 'equals'],
  external_id: ['any', 'equals'],
  _kx: ['equals'],
  // Only strict comparisons on created/updated: greater-or-equal is refused.
  created: ['greater-than', 'less-than'],
  updated: ['greater-than', 'less-than'],
  'subscriptions.email.marketing.suppression.reason': ['equals'],
  'subscriptions.email.marketing.suppression.timestamp': ['greater-or-equal', 'greater-than', 'less-or-equal', 'less-than'],
  'subscriptions.email.marketing.list_suppressions.reason': ['equals'],
  'subscriptions.email.marketing.list_suppressions.list_id': ['equals'],
  'subscriptions.email.marketing.list_suppressions.timestamp': ['greater-or-equal', 'greater-than', 'less-or-equal', 'less-than'],
};
const PROFILE_SORTS = ['id', 'created', 'updated', 'email'];
const ADDITIONAL_FIELDS = ['subscriptions', 'predictive_analytics'];

/** `additional-fields[profile]` and `fields[profile]`, or a 400 for an unknown additional field. */
export function profileExtras(query: Query, reply: FastifyReply): ProfileExtras | null {
  const additional = listParam(query['additional-fields[profile]']);
  const unknown = additional.find((f) => !ADDITIONAL_FIELDS.includes(f));
  if (unknown) {
    void reply.code(400).send(invalid(`'${unknown}' is not a valid additional field.`, { parameter: 'additional-fields[profile]' }));
    return null;
  }
  const fields = listParam(query['fields[profile]']);
  return {
    subscriptions: additional.includes('subscriptions'),
    predictive: additional.includes('predictive_analytics'),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** Reads with predictive analytics count against the lower M-tier limit instead of the route's own. */
export const profileBucket = (query: Query) =>
  listParam(query['additional-fields[profile]']).includes('predictive_analytics') ? ('profiles:predictive' as const) : undefined;

function profileField(profile: KlaviyoProfileRecord, field: string): unknown {
  const email = profile.subscriptions.email;
  switch (field) {
    case 'id':
      return profile.id;
    case 'email':
      return profile.email;
    case 'phone_number':
      return profile.phoneNumber;
    case 'external_id':
      return profile.externalId;
    case 'created':
      return profile.created;
    case 'updated':
      return profile.updated;
    case 'subscriptions.email.marketing.suppression.reason':
      return email.suppression[0]?.reason;
    case 'subscriptions.email.marketing.suppression.timestamp':
      return email.suppression[0]?.timestamp;
    case 'subscriptions.email.marketing.list_suppressions.reason':
      return email.listSuppressions[0]?.reason;
    case 'subscriptions.email.marketing.list_suppressions.list_id':
      return email.listSuppressions[0]?.listId;
    case 'subscriptions.email.marketing.list_suppressions.timestamp':
      return email.listSuppressions[0]?.timestamp;
    default:
      return undefined;
  }
}

const sortKey = (field: string) => (p: KlaviyoProfileRecord): SortKey => {
  const value = field === 'id' ? p.id : field === 'email' ? (p.email ?? '').toLowerCase() : Date.parse(field === 'created' ? p.created : p.updated);
  return [value, p.id];
};

/**
 * The profiles a filter can match: through an index when one of its top-level conditions is an
 * `equals` / `any` on an indexed field with text values (the filter then still runs on each, and
 * the page is sorted by a total order, so the answer is the one a scan gives), else every profile.
 */
function candidates(state: KlaviyoState, filter: FilterCondition | undefined): Iterable<KlaviyoProfileRecord> {
  const conditions = !filter ? [] : filter.op === 'and' ? filter.conditions : [filter];
  for (const condition of conditions) {
    if (condition.op !== 'equals' && condition.op !== 'any') continue;
    if (!(INDEXED_PROFILE_FIELDS as readonly string[]).includes(condition.field)) continue;
    const values = condition.op === 'any' ? condition.value : [condition.value];
    if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) continue;
    return state.profilesWithAny(condition.field as IndexedProfileField, values);
  }
  return state.profiles.values();
}

/** The profiles the filter matches in the page order; unfiltered in id order, the kept id-ordered list (no sort per page). */
function sortedProfiles(state: KlaviyoState, filter: FilterCondition | undefined, field: string, descending: boolean): readonly KlaviyoProfileRecord[] {
  if (!filter && field === 'id' && !descending) return state.profilesInIdOrder();
  const matching = [...candidates(state, filter)].filter((p) => !filter || matchesFilter(filter, (f) => profileField(p, f)));
  return sortRows(matching, sortKey(field), descending);
}

export function registerProfileRoutes({ app, state }: KlaviyoRouteContext) {
  app.get<{ Params: { id: string }; Querystring: Query }>('/api/profiles/:id', { config: { bucket: 'profiles', dynamicBucket: profileBucket } }, async (request, reply) => {
    const extras = profileExtras(request.query, reply);
    if (!extras) return reply;
    const profile = state.profiles.get(request.params.id);
    if (!profile) return reply.code(404).send(notFound(`A profile with id ${request.params.id} does not exist.`));
    return { data: profileResource(profile, state, origin(request), extras), links: { self: selfUrl(request) } };
  });

  app.get<{ Querystring: Query }>('/api/profiles', { config: { bucket: 'profiles', dynamicBucket: profileBucket } }, async (request, reply) => {
    try {
      const query = request.query;
      const size = pageSize(query['page[size]'], { default: 20, max: 100 });
      const extras = profileExtras(query, reply);
      const filter = readFilter(query, PROFILE_FILTERS, reply);
      const sort = readSort(query, PROFILE_SORTS, 'id', reply);
      if (!extras || filter === null || !sort) return reply;
      const keyOf = sortKey(sort.field);
      const { rows, next } = keysetPage(sortedProfiles(state, filter, sort.field, sort.descending), keyOf, sort.descending, query['page[cursor]'], size);
      const base = origin(request);
      return { data: rows.map((p) => profileResource(p, state, base, extras)), links: collectionLinks(selfUrl(request), next) };
    } catch (error) {
      return pagingErrors(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/api/profiles/:id/lists', bucket('lists'), async (request, reply) => {
    const profile = state.profiles.get(request.params.id);
    if (!profile) return reply.code(404).send(notFound(`A profile with id ${request.params.id} does not exist.`));
    const lists = Object.values(state.catalog.lists).filter((l) => profile.lists.has(l.id));
    return { data: lists.map((l) => listResource(l, origin(request))), links: collectionLinks(selfUrl(request), undefined) };
  });

  app.get<{ Params: { id: string } }>('/api/profiles/:id/relationships/lists', bucket('lists'), async (request, reply) => {
    const profile = state.profiles.get(request.params.id);
    if (!profile) return reply.code(404).send(notFound(`A profile with id ${request.params.id} does not exist.`));
    return { data: [...profile.lists.keys()].map((id) => ({ type: 'list', id })), links: collectionLinks(selfUrl(request), undefined) };
  });

  app.get<{ Params: { id: string } }>('/api/profiles/:id/segments', bucket('segments'), async (request, reply) => {
    const profile = state.profiles.get(request.params.id);
    if (!profile) return reply.code(404).send(notFound(`A profile with id ${request.params.id} does not exist.`));
    return { data: state.segmentsOf(profile).map((s) => segmentResource(s, origin(request))), links: collectionLinks(selfUrl(request), undefined) };
  });

  app.get<{ Params: { id: string } }>('/api/profiles/:id/relationships/segments', bucket('segments'), async (request, reply) => {
    const profile = state.profiles.get(request.params.id);
    if (!profile) return reply.code(404).send(notFound(`A profile with id ${request.params.id} does not exist.`));
    return { data: state.segmentsOf(profile).map((s) => ({ type: 'segment', id: s.id })), links: collectionLinks(selfUrl(request), undefined) };
  });
}
