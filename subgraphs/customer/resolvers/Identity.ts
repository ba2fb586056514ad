import type { IdentityResolvers } from '../__generated__/resolvers-types.js';
import { maskIdentityValue } from '../mask-identity.js';

export const Identity: IdentityResolvers = {
  maskedValue: (identity) => maskIdentityValue(identity.kind, identity.value),
};
