import { identityValues } from '../../shared/customer-reference.js';
import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { cacheHint } from '../cache-hints.js';

export const Customer: CustomerResolvers = {
  metaAds: async (customer, _args, { loaders }, info) => {
    const leadIds = identityValues(customer, 'META_LEAD');
    const memberships = await loaders.memberships.load(customer.id);
    if (leadIds.length === 0 && memberships.length === 0) return null;
    cacheHint(info, 60, 'PRIVATE');
    return { customerId: customer.id, leadIds, memberships };
  },
};
