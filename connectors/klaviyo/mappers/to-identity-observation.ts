import type { IdentityObservation } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { KlaviyoProfile } from '../schemas.js';

export function toIdentityObservation(profile: KlaviyoProfile): IdentityObservation {
  const a = profile.attributes;
  const email = normalizeEmail(a.email);
  const phone = normalizePhone(a.phone_number);
  return {
    source: 'klaviyo',
    sourceRecordId: profile.id,
    observedAt: a.updated,
    identities: [
      { kind: 'KLAVIYO', value: profile.id },
      ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
      ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
    ],
    traits: { firstName: a.first_name ?? undefined, lastName: a.last_name ?? undefined },
  };
}
