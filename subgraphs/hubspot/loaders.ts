import type { HubSpotClient } from '../../connectors/hubspot/client.js';
import { keyedLoader } from '../shared/keyed-loader.js';

export function createLoaders(client: HubSpotClient) {
  return {
    contactById: keyedLoader((ids) => client.batchReadContacts(ids), (contact) => contact.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
