import type { Loaders } from './loaders.js';

export interface SubgraphContext {
  loaders: Loaders;
  /** The hub's clock (ms), for default windows. */
  now: () => number;
}
