import { HUBSPOT } from '../../connectors/hubspot/client.js';
import { guardVendor } from '../shared/upstream-error.js';
import { identityValues } from '../shared/customer-reference.js';
import type { Resolvers } from './__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Customer: {
    hubspot: async (customer, _args, { loaders }) => {
      const [contactId] = identityValues(customer, 'HUBSPOT');
      if (!contactId) return null;
      return guardVendor(HUBSPOT, () => loaders.contactById.load(contactId));
    },
  },
  HubSpotContact: {
    email: (c) => c.properties.email ?? null,
    firstName: (c) => c.properties.firstname ?? null,
    lastName: (c) => c.properties.lastname ?? null,
    phone: (c) => c.properties.phone ?? null,
    lifecycleStage: (c) => c.properties.lifecyclestage ?? null,
    leadStatus: (c) => c.properties.hs_lead_status ?? null,
    ownerId: (c) => c.properties.hubspot_owner_id ?? null,
  },
};
