import type { Identity } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { KlaviyoProfile } from '../schemas.js';

/** The identities a Klaviyo profile (or only its id, when the profile was not included) stands for. */
export function profileIdentities(profileId: string, profile?: KlaviyoProfile): Identity[] {
  const email = normalizeEmail(profile?.attributes.email);
  const phone = normalizePhone(profile?.attributes.phone_number);
  return [
    { kind: 'KLAVIYO', value: profileId },
    ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
    ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
  ];
}

/** Klaviyo writes `2026-01-01T00:00:00+00:00`; the hub's records take any ISO offset form. */
export const isoTime = (value: string | null | undefined, fallbackSeconds?: number | null): string | undefined => {
  if (value && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return typeof fallbackSeconds === 'number' ? new Date(fallbackSeconds * 1000).toISOString() : undefined;
};
