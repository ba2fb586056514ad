import { KLAVIYO } from '../../connectors/klaviyo/client.js';
import { guardVendor } from '../shared/upstream-error.js';
import { identityValues } from '../shared/customer-reference.js';
import type { Resolvers } from './__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Customer: {
    klaviyo: async (customer, _args, { loaders }) => {
      const [profileId] = identityValues(customer, 'KLAVIYO');
      if (!profileId) return null;
      return guardVendor(KLAVIYO, () => loaders.profileById.load(profileId));
    },
  },
  KlaviyoProfile: {
    email: (p) => p.attributes.email,
    phoneNumber: (p) => p.attributes.phone_number,
    firstName: (p) => p.attributes.first_name,
    lastName: (p) => p.attributes.last_name,
    timeZone: (p) => p.attributes.location?.timezone ?? null,
    createdAt: (p) => p.attributes.created,
    updatedAt: (p) => p.attributes.updated,
  },
};
