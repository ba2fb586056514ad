/**
 * One DataLoader per Klaviyo operation per request, each behind the shared cache under the keys
 * ingest invalidates (`cacheKeyOf({vendor: 'klaviyo', entity, id})`, entities in
 * connectors/klaviyo/cache-entities.ts). For N customers a request costs at most:
 * - profiles (with subscriptions and predictive analytics): one `any(id, [...])` call per 100;
 * - the account's lists and segments: one call each (cached for ten minutes);
 * - memberships: Klaviyo reads them per profile or per group, never for many profiles at once, so
 *   the loader takes the cheaper of one call per profile (`/profiles/{id}/lists`) and one call per
 *   group filtered by the customers' emails (`/lists/{id}/profiles?filter=any(email,[...])`):
 *   min(N, number of groups) calls whatever N is (plus one per person Klaviyo holds no email for).
 * Interactive reads retry once at most and never wait past the vendor timeout.
 */
import DataLoader from 'dataloader';
import { KLAVIYO_ENTITIES } from '../../connectors/klaviyo/cache-entities.js';
import type { KlaviyoClient, ProfileReadOptions } from '../../connectors/klaviyo/client.js';
import type { KlaviyoList, KlaviyoProfile, KlaviyoSegment } from '../../connectors/klaviyo/schemas.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { Cache } from '../../platform/cache/cache.js';
import { cachedLoader } from '../shared/cached-loader.js';

/** Seconds each read stays cached; webhooks invalidate sooner. */
export const KLAVIYO_TTL = { profile: 300, membership: 300, groups: 600 } as const;

export interface LoaderOptions {
  /** The vendor timeout: no retry or rate-budget wait starts after it. */
  deadlineMs: number;
}

interface Membership {
  profileId: string;
  groupIds: string[];
}

export function createLoaders(client: KlaviyoClient, cache: Cache, options: LoaderOptions) {
  const read = (): ProfileReadOptions => ({ deadline: Date.now() + options.deadlineMs, retry: { maxAttempts: 2 } });

  const profile = cachedLoader<KlaviyoProfile>({
    cache,
    vendor: 'klaviyo',
    entity: KLAVIYO_ENTITIES.profile,
    ttlSeconds: KLAVIYO_TTL.profile,
    fetchMany: (ids) => client.getProfilesById(ids, { ...read(), additional: ['subscriptions', 'predictive_analytics'] }),
    keyOf: (p) => p.id,
  });

  /** The account's lists or segments, once per request and cached across requests. */
  const catalog = <T>(kind: 'lists' | 'segments', fetch: () => Promise<T[]>) =>
    new DataLoader<'all', T[]>(async (keys) => {
      const key = cacheKeyOf({ vendor: 'klaviyo', entity: `${KLAVIYO_ENTITIES.groups}-${kind}`, id: 'all' });
      const cached = await cache.get<T[]>(key);
      const value = cached ?? (await fetch());
      if (!cached) await cache.set(key, value, KLAVIYO_TTL.groups);
      return keys.map(() => value);
    });
  const lists = catalog<KlaviyoList>('lists', () => client.listLists(read()));
  const segments = catalog<KlaviyoSegment>('segments', () => client.listSegments(read()));

  const membership = (kind: 'list' | 'segment', entity: string, groupsOf: (profileId: string) => Promise<{ id: string }[]>, all: () => Promise<{ id: string }[]>) =>
    cachedLoader<Membership>({
      cache,
      vendor: 'klaviyo',
      entity,
      ttlSeconds: KLAVIYO_TTL.membership,
      keyOf: (m) => m.profileId,
      fetchMany: async (ids) => {
        const groups = await all();
        const profiles = await profile.loadMany(ids);
        const emailOf = new Map<string, string>();
        profiles.forEach((p) => {
          if (p && !(p instanceof Error) && p.attributes.email) emailOf.set(p.id, p.attributes.email.trim().toLowerCase());
        });
        // Per group only pays off from as many people as there are groups; people without an email go one by one.
        const byGroup = emailOf.size >= groups.length ? ids.filter((id) => emailOf.has(id)) : [];
        const oneByOne = ids.filter((id) => !byGroup.includes(id));
        const found = new Map<string, string[]>(ids.map((id) => [id, []]));
        const idByEmail = new Map(byGroup.map((id) => [emailOf.get(id)!, id]));
        await Promise.all([
          ...groups.map(async (group) => {
            if (byGroup.length === 0) return;
            for (const member of await client.groupMembersByEmail(kind, group.id, [...idByEmail.keys()], read())) {
              const id = idByEmail.get(member.attributes.email?.trim().toLowerCase() ?? '') ?? member.id;
              found.get(id)?.push(group.id);
            }
          }),
          ...oneByOne.map(async (id) => found.set(id, (await groupsOf(id)).map((g) => g.id))),
        ]);
        return ids.map((id) => ({ profileId: id, groupIds: found.get(id)! }));
      },
    });

  return {
    profile,
    lists,
    segments,
    listMembership: membership('list', KLAVIYO_ENTITIES.profileLists, (id) => client.listsOfProfile(id, read()), () => lists.load('all')),
    segmentMembership: membership('segment', KLAVIYO_ENTITIES.profileSegments, (id) => client.segmentsOfProfile(id, read()), () => segments.load('all')),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
