import type { IdentityConflictResolvers, IdentityMergeResolvers } from '../__generated__/resolvers-types.js';
import { toSourceEnum } from '../source-enum.js';

export const IdentityMerge: IdentityMergeResolvers = {
  source: (merge) => toSourceEnum(merge.source),
};

export const IdentityConflict: IdentityConflictResolvers = {
  source: (conflict) => toSourceEnum(conflict.source),
};
