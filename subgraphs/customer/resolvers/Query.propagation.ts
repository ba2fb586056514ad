import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const propagation: QueryResolvers['propagation'] = async (_parent, { id }, { stores }) => (await stores.propagation.get(id)) ?? null;
