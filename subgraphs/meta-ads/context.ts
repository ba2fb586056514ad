import type { Loaders } from './loaders.js';

export interface SubgraphContext {
  loaders: Loaders;
}
