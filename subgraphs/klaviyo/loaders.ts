import type { KlaviyoClient } from '../../connectors/klaviyo/client.js';
import { keyedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: KlaviyoClient) {
  return {
    profileById: keyedLoader((ids) => client.getProfilesById(ids), (profile) => profile.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
