/**
 * Lists and segments, and the profiles in each. Members filter on `email` / `phone_number`
 * (`any`, `equals`) and `joined_group_at`; `GET /api/lists` pages ten at a time.
 * @see https://developers.klaviyo.com/en/reference/get_lists
 * @see https://developers.klaviyo.com/en/reference/get_profiles_for_list
 * @see https://developers.klaviyo.com/en/reference/get_segments
 * @see https://developers.klaviyo.com/en/reference/get_profiles_for_segment
 */
import { origin, pagingErrors, readFilter, readSort, selfUrl, type KlaviyoRouteContext, type Query } from './context.js';
import { notFound } from './errors.js';
import { matchesFilter, type FilterRules } from './filter.js';
import { collectionLinks, keysetPage, pageSize, sortRows, type SortKey } from './paging.js';
import { profileBucket, profileExtras } from './routes-profiles.js';
import { listResource, profileResource, segmentResource } from './resources.js';
import type { KlaviyoProfileRecord } from './state.js';

const GROUP_FILTERS: FilterRules = { id: ['any', 'equals'], name: ['any', 'equals'], created: ['greater-than'], updated: ['greater-than'] };
const MEMBER_FILTERS: FilterRules = {
  email: ['any', 'equals'],
  phone_number: ['any', 'equals'],
  push_token: ['any', 'equals'],
  _kx: ['equals'],
  joined_group_at: ['greater-or-equal', 'greater-than', 'less-or-equal', 'less-than'],
};

type Member = { profile: KlaviyoProfileRecord; joinedAt: string };

export function registerGroupRoutes(ctx: KlaviyoRouteContext) {
  const { app, state } = ctx;
  const lists = () => Object.values(state.catalog.lists);
  const membersOfList = (id: string): Member[] =>
    [...state.profiles.values()].flatMap((profile) => {
      const joinedAt = profile.lists.get(id);
      return joinedAt ? [{ profile, joinedAt }] : [];
    });
  const membersOfSegment = (id: string): Member[] => {
    const segment = state.catalog.segments.find((s) => s.id === id)!;
    return [...state.profiles.values()].filter((p) => state.inSegment(p, segment)).map((profile) => ({ profile, joinedAt: profile.created }));
  };

  const groups = <G extends { id: string; name: string; created: string; updated: string }>(
    path: string,
    all: () => G[],
    present: (group: G, base: string) => unknown,
    members: (id: string) => Member[],
    bucketName: 'lists' | 'segments',
  ) => {
    app.get<{ Querystring: Query }>(`/api/${path}`, { config: { bucket: bucketName } }, async (request, reply) => {
      try {
        const size = pageSize(request.query['page[size]'], { default: 10, max: 10 });
        const filter = readFilter(request.query, GROUP_FILTERS, reply);
        if (filter === null) return reply;
        const matching = all().filter((g) => !filter || matchesFilter(filter, (f) => (g as Record<string, unknown>)[f]));
        const keyOf = (g: G): SortKey => [g.id, g.id];
        const { rows, next } = keysetPage(sortRows(matching, keyOf, false), keyOf, false, request.query['page[cursor]'], size);
        return { data: rows.map((g) => present(g, origin(request))), links: collectionLinks(selfUrl(request), next) };
      } catch (error) {
        return pagingErrors(reply, error);
      }
    });

    app.get<{ Params: { id: string } }>(`/api/${path}/:id`, { config: { bucket: bucketName } }, async (request, reply) => {
      const group = all().find((g) => g.id === request.params.id);
      if (!group) return reply.code(404).send(notFound(`A ${bucketName.slice(0, -1)} with id ${request.params.id} does not exist.`));
      return { data: present(group, origin(request)), links: { self: selfUrl(request) } };
    });

    app.get<{ Params: { id: string }; Querystring: Query }>(
      `/api/${path}/:id/profiles`,
      { config: { bucket: bucketName, dynamicBucket: profileBucket } },
      async (request, reply) => {
        try {
          if (!all().some((g) => g.id === request.params.id)) {
            return reply.code(404).send(notFound(`A ${bucketName.slice(0, -1)} with id ${request.params.id} does not exist.`));
          }
          const query = request.query;
          const size = pageSize(query['page[size]'], { default: 20, max: 100 });
          const extras = profileExtras(query, reply);
          const filter = readFilter(query, MEMBER_FILTERS, reply);
          const sort = readSort(query, ['joined_group_at'], 'joined_group_at', reply);
          if (!extras || filter === null || !sort) return reply;
          const matching = members(request.params.id).filter(
            ({ profile, joinedAt }) =>
              !filter ||
              matchesFilter(filter, (f) => (f === 'email' ? profile.email : f === 'phone_number' ? profile.phoneNumber : f === 'joined_group_at' ? joinedAt : undefined)),
          );
          const keyOf = (m: Member): SortKey => [Date.parse(m.joinedAt), m.profile.id];
          const { rows, next } = keysetPage(sortRows(matching, keyOf, sort.descending), keyOf, sort.descending, query['page[cursor]'], size);
          const base = origin(request);
          return {
            data: rows.map((m) => profileResource(m.profile, state, base, { ...extras, joinedGroupAt: m.joinedAt })),
            links: collectionLinks(selfUrl(request), next),
          };
        } catch (error) {
          return pagingErrors(reply, error);
        }
      },
    );
  };

  groups('lists', lists, listResource, membersOfList, 'lists');
  groups('segments', () => state.catalog.segments, segmentResource, membersOfSegment, 'segments');
}
