import type { IdentityObservation } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { MetaLead } from '../schemas.js';
import { graphTimeToIso } from './lead-time.js';

export const leadField = (lead: MetaLead, name: string): string | undefined => lead.field_data.find((f) => f.name === name)?.values[0];

/** The identities a lead names: its id, and the email and phone the person typed (normalized). */
export function leadIdentities(lead: MetaLead): IdentityObservation['identities'] {
  const email = normalizeEmail(leadField(lead, 'email'));
  const phone = normalizePhone(leadField(lead, 'phone_number'));
  return [
    { kind: 'META_LEAD', value: lead.id },
    ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
    ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
  ];
}

/** A lead form submission names a person: the lead id, and the email and phone they typed. */
export function toIdentityObservation(lead: MetaLead): IdentityObservation {
  const fullName = leadField(lead, 'full_name') ?? [leadField(lead, 'first_name'), leadField(lead, 'last_name')].filter(Boolean).join(' ');
  const [firstName, ...rest] = fullName.trim().split(/\s+/);
  return {
    source: 'meta',
    sourceRecordId: lead.id,
    observedAt: graphTimeToIso(lead.created_time),
    identities: leadIdentities(lead),
    traits: { firstName: firstName || undefined, lastName: rest.join(' ') || undefined },
  };
}
