import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { timeline } from './Customer.timeline.js';

export const Customer: CustomerResolvers = {
  __resolveReference: async (reference, { stores }) => (await stores.identities.getCustomer(reference.id)) ?? null,
  timeline,
};
