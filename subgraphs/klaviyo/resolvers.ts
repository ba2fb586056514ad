/**
 * `Customer.klaviyo`: the person's Klaviyo profile with lists, segments, predictive analytics and
 * subscription states. Every read goes through the request's loaders (batched, cached); a failing
 * read nulls its own field with an error naming Klaviyo and the reason, never the whole answer.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { KLAVIYO } from '../../connectors/klaviyo/client.js';
import { identityValues } from '../shared/customer-reference.js';
import { guardVendor } from '../shared/upstream-error.js';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { privateCacheHint } from './cache-hint.js';
import { KLAVIYO_TTL } from './loaders.js';
import { presentList, presentPredictive, presentSegment, presentSubscriptions } from './present.js';

/**
 * Apollo counts every field that returns an object as uncacheable unless it is hinted, `_entities`
 * included; these pass their value through with the hint of the read they come from.
 */
const hinted =
  <P, K extends keyof P>(key: K, maxAge: number) =>
  (parent: P, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    privateCacheHint(info, maxAge);
    return parent[key];
  };

export const resolvers: Resolvers = {
  Customer: {
    __resolveReference: (reference, _context, info) => {
      privateCacheHint(info, KLAVIYO_TTL.profile);
      return reference;
    },
    klaviyo: async (customer, _args, { loaders }, info) => {
      const [profileId] = identityValues(customer, 'KLAVIYO');
      if (!profileId) return null;
      privateCacheHint(info, KLAVIYO_TTL.profile);
      return guardVendor(KLAVIYO, () => loaders.profile.load(profileId));
    },
  },
  KlaviyoProfile: {
    email: (p) => p.attributes.email,
    phoneNumber: (p) => p.attributes.phone_number,
    firstName: (p) => p.attributes.first_name,
    lastName: (p) => p.attributes.last_name,
    externalId: (p) => p.attributes.external_id ?? null,
    timeZone: (p) => p.attributes.location?.timezone ?? null,
    createdAt: (p) => p.attributes.created,
    updatedAt: (p) => p.attributes.updated,
    lastEventAt: (p) => p.attributes.last_event_date ?? null,
    predictiveAnalytics: (p, _args, _context, info) => {
      privateCacheHint(info, KLAVIYO_TTL.profile);
      return presentPredictive(p.attributes.predictive_analytics);
    },
    subscriptions: (p, _args, _context, info) => {
      privateCacheHint(info, KLAVIYO_TTL.profile);
      return presentSubscriptions(p);
    },
    lists: (p, _args, { loaders }, info) => {
      privateCacheHint(info, KLAVIYO_TTL.membership);
      return guardVendor(KLAVIYO, async () => {
        const [membership, lists] = await Promise.all([loaders.listMembership.load(p.id), loaders.lists.load('all')]);
        const ids = new Set(membership?.groupIds ?? []);
        return lists.filter((l) => ids.has(l.id)).map(presentList);
      });
    },
    segments: (p, _args, { loaders }, info) => {
      privateCacheHint(info, KLAVIYO_TTL.membership);
      return guardVendor(KLAVIYO, async () => {
        const [membership, segments] = await Promise.all([loaders.segmentMembership.load(p.id), loaders.segments.load('all')]);
        const ids = new Set(membership?.groupIds ?? []);
        return segments.filter((s) => ids.has(s.id)).map(presentSegment);
      });
    },
  },
  KlaviyoSubscriptions: {
    email: hinted('email', KLAVIYO_TTL.profile),
    sms: hinted('sms', KLAVIYO_TTL.profile),
  },
  KlaviyoEmailSubscription: {
    suppressions: hinted('suppressions', KLAVIYO_TTL.profile),
    listSuppressions: hinted('listSuppressions', KLAVIYO_TTL.profile),
  },
};
