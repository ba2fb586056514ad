import type { IdentityObservation } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';
import type { ShopifyCustomer } from '../schemas.js';

export function toIdentityObservation(customer: ShopifyCustomer): IdentityObservation {
  const email = normalizeEmail(customer.defaultEmailAddress?.emailAddress);
  const phone = normalizePhone(customer.defaultPhoneNumber?.phoneNumber);
  return {
    source: 'shopify',
    sourceRecordId: customer.id,
    observedAt: customer.updatedAt,
    identities: [
      { kind: 'SHOPIFY', value: customer.id },
      ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
      ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
    ],
    traits: { firstName: customer.firstName ?? undefined, lastName: customer.lastName ?? undefined },
  };
}
