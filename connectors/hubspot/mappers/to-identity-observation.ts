import type { IdentityObservation } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { HubSpotContact } from '../schemas.js';

/** A HubSpot contact says: this contact id, email, phone and ad click belong to one person. */
export function toIdentityObservation(contact: HubSpotContact): IdentityObservation {
  const p = contact.properties;
  const email = normalizeEmail(p.email);
  const phone = normalizePhone(p.phone);
  const gclid = p.hs_google_click_id?.trim();
  return {
    source: 'hubspot',
    sourceRecordId: contact.id,
    observedAt: contact.updatedAt,
    identities: [
      { kind: 'HUBSPOT', value: contact.id },
      ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
      ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
      ...(gclid ? [{ kind: 'GCLID' as const, value: gclid }] : []),
    ],
    traits: { firstName: p.firstname ?? undefined, lastName: p.lastname ?? undefined },
  };
}
