import type { ShopifyState } from '../state.js';
import type { StoreEffects } from '../store-effects.js';
import { createMutationResolvers } from './mutations.js';
import { createQueryResolvers } from './query.js';
import { DateTime } from './scalars.js';
import { createTypeResolvers } from './types.js';

export function createShopifyResolvers(state: ShopifyState, effects: StoreEffects, now: () => number) {
  return {
    DateTime,
    Query: createQueryResolvers(state),
    Mutation: createMutationResolvers(state, effects, now),
    ...createTypeResolvers(state),
  };
}
