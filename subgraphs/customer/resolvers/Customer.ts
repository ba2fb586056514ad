import { GraphQLError } from 'graphql';
import { deriveConsent } from '../../../profile/consent/derive-consent.js';
import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { toSourceEnum } from '../source-enum.js';
import { findCustomerById } from '../find-customer.js';
import { timeline } from './Customer.timeline.js';

export const Customer: CustomerResolvers = {
  // A reference to a merged-away id resolves to its survivor.
  __resolveReference: (reference, { stores }) => findCustomerById(stores.identities, reference.id),
  sources: (customer) => customer.sources.map(toSourceEnum),
  mergedIds: (customer, _args, { stores }) => stores.identities.getAliases(customer.id),
  merges: (customer, _args, { stores }) => stores.identities.getMerges(customer.id),
  identityConflicts: (customer, _args, { stores }) => stores.identities.getConflicts(customer.id),
  timeline,
  consent: async (customer, _args, { stores }) => deriveConsent(await stores.consent.history(customer.id)),
  consentHistory: (customer, { topic }, { stores }) => stores.consent.history(customer.id, topic),
  consentPropagation: (customer, { first }, { stores }) => {
    const limit = first ?? 10;
    if (limit < 1 || limit > 100) throw new GraphQLError('first must be between 1 and 100.', { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    return stores.propagation.ofCustomer(customer.id, limit);
  },
};
