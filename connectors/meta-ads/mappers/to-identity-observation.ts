import type { IdentityObservation } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { MetaLead } from '../schemas.js';

const field = (lead: MetaLead, name: string) => lead.field_data.find((f) => f.name === name)?.values[0];

/** A lead form submission names a person: the lead id, and the email and phone they typed. */
export function toIdentityObservation(lead: MetaLead): IdentityObservation {
  const email = normalizeEmail(field(lead, 'email'));
  const phone = normalizePhone(field(lead, 'phone_number'));
  const [firstName, ...rest] = (field(lead, 'full_name') ?? '').split(' ');
  return {
    source: 'meta',
    sourceRecordId: lead.id,
    observedAt: new Date(lead.created_time.replace(/\+0000$/, 'Z')).toISOString(),
    identities: [
      { kind: 'META_LEAD', value: lead.id },
      ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
      ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
    ],
    traits: { firstName: firstName || undefined, lastName: rest.join(' ') || undefined },
  };
}
