import type { IdentityConflictResolvers, IdentityMergeResolvers } from '../__generated__/resolvers-types.js';
import { toCustomerSource } from '../customer-source.js';

export const IdentityMerge: IdentityMergeResolvers = {
  source: (merge) => toCustomerSource(merge.source),
};

export const IdentityConflict: IdentityConflictResolvers = {
  source: (conflict) => toCustomerSource(conflict.source),
};
