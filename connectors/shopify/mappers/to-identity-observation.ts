import type { IdentityObservation } from '../../unified/identity.js';
import type { ShopifyCustomer } from '../schemas.js';
import { customerFactsFromGraphql } from './from-graphql.js';
import { utc, type CustomerFacts } from './facts.js';
import { identitiesOf } from './identities.js';

/** "These identifiers are one person", as a Shopify customer record says it. */
export function customerObservation(customer: CustomerFacts): IdentityObservation {
  return {
    source: 'shopify',
    sourceRecordId: customer.customerId,
    observedAt: utc(customer.updatedAt),
    identities: identitiesOf(customer),
    traits: { firstName: customer.firstName ?? undefined, lastName: customer.lastName ?? undefined },
  };
}

export const toIdentityObservation = (customer: ShopifyCustomer): IdentityObservation => customerObservation(customerFactsFromGraphql(customer));
