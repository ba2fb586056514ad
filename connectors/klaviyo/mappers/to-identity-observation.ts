import type { IdentityObservation } from '../../unified/identity.js';
import type { KlaviyoProfile } from '../schemas.js';
import { isoTime, profileIdentities } from './identities.js';

export function toIdentityObservation(profile: KlaviyoProfile): IdentityObservation {
  const a = profile.attributes;
  return {
    source: 'klaviyo',
    sourceRecordId: profile.id,
    observedAt: isoTime(a.updated) ?? a.updated,
    identities: profileIdentities(profile.id, profile),
    traits: {
      firstName: a.first_name ?? undefined,
      lastName: a.last_name ?? undefined,
      ...(a.location?.timezone ? { timeZone: a.location.timezone } : {}),
    },
  };
}
