import type { Stores } from '../../profile/store/create-stores.js';

export interface SubgraphContext {
  stores: Stores;
}
