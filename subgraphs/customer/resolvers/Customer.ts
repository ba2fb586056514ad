import type { CustomerResolvers } from '../__generated__/resolvers-types.js';

export const Customer: CustomerResolvers = {
  __resolveReference: async (reference, { stores }) => (await stores.identities.getCustomer(reference.id)) ?? null,
};
