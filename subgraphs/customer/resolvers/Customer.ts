import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { toCustomerSource } from '../customer-source.js';
import { findCustomerById } from '../find-customer.js';

export const Customer: CustomerResolvers = {
  // A reference to a merged-away id resolves to its survivor.
  __resolveReference: (reference, { stores }) => findCustomerById(stores.identities, reference.id),
  sources: (customer) => customer.sources.map(toCustomerSource),
  mergedIds: (customer, _args, { stores }) => stores.identities.getAliases(customer.id),
  merges: (customer, _args, { stores }) => stores.identities.getMerges(customer.id),
  identityConflicts: (customer, _args, { stores }) => stores.identities.getConflicts(customer.id),
};
