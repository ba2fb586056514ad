import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { findCustomerById } from '../find-customer.js';
import { lookupKey } from '../lookup-identity.js';

/**
 * Finds one customer by exactly one key: an id (a merged-away id answers its survivor), an email,
 * a phone, or any identifier, normalized as ingest normalizes them. Exact matches only.
 */
export const customer: QueryResolvers['customer'] = async (_parent, args, { stores, identityRules }) => {
  const key = lookupKey(args, identityRules);
  if (key.by === 'nothing') return null;
  if (key.by === 'id') return findCustomerById(stores.identities, key.id);
  const customerId = await stores.identities.findCustomerId(key.identity);
  return customerId ? ((await stores.identities.getCustomer(customerId)) ?? null) : null;
};
