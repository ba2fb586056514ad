import type { Loaders } from './loaders.js';

export interface SubgraphContext {
  loaders: Loaders;
  /** The account's today (`YYYY-MM-DD`), fixed for the request so every window agrees. */
  today: string;
}
