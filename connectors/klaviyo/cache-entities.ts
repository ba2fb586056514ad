/**
 * The record kinds under which Klaviyo reads are cached (`cacheKeyOf({vendor: 'klaviyo', entity, id})`),
 * named here so the subgraph that caches and the webhook mapping that invalidates agree.
 */
import type { ChangedRecord } from '../unified/batch.js';

export const KLAVIYO_ENTITIES = {
  /** A profile with its subscriptions and predictive analytics. */
  profile: 'profile',
  /** The lists a profile is a member of. */
  profileLists: 'profile-lists',
  /** The segments a profile is a member of. */
  profileSegments: 'profile-segments',
  /** The account's lists and segments (id `all`). */
  groups: 'groups',
} as const;

/** Everything cached about one profile: what a change to it invalidates. */
export const changedProfile = (profileId: string): ChangedRecord[] => [
  { vendor: 'klaviyo', entity: KLAVIYO_ENTITIES.profile, id: profileId },
  { vendor: 'klaviyo', entity: KLAVIYO_ENTITIES.profileLists, id: profileId },
  { vendor: 'klaviyo', entity: KLAVIYO_ENTITIES.profileSegments, id: profileId },
];
