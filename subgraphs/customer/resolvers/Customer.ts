import { GraphQLError } from 'graphql';
import { deriveConsent } from '../../../profile/consent/derive-consent.js';
import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { timeline } from './Customer.timeline.js';

export const Customer: CustomerResolvers = {
  __resolveReference: async (reference, { stores }) => (await stores.identities.getCustomer(reference.id)) ?? null,
  timeline,
  consent: async (customer, _args, { stores }) => deriveConsent(await stores.consent.history(customer.id)),
  consentHistory: (customer, { topic }, { stores }) => stores.consent.history(customer.id, topic),
  consentPropagation: (customer, { first }, { stores }) => {
    const limit = first ?? 10;
    if (limit < 1 || limit > 100) throw new GraphQLError('first must be between 1 and 100.', { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    return stores.propagation.ofCustomer(customer.id, limit);
  },
};
