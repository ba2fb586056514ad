import { SHOPIFY } from '../../../connectors/shopify/client.js';
import { legacyIdOf } from '../../../connectors/shopify/gid.js';
import { identityValues } from '../../shared/customer-reference.js';
import { guardVendor } from '../../shared/upstream-error.js';
import type { CustomerResolvers } from '../__generated__/resolvers-types.js';
import { setCacheHint } from '../cache-hint.js';
import { CACHE_HINTS } from '../cache-policy.js';

export const Customer: CustomerResolvers = {
  // The gateway asks for customers through `_entities`: the hint there sets the answer's policy.
  __resolveReference: (reference, _context, info) => {
    setCacheHint(info, CACHE_HINTS.customer);
    return reference;
  },
  shopify: async (customer, _args, { loaders }, info) => {
    const gid = identityValues(customer, 'SHOPIFY').find((value) => legacyIdOf(value, 'Customer'));
    if (!gid) return null;
    setCacheHint(info, CACHE_HINTS.customer);
    return guardVendor(SHOPIFY, () => loaders.customer.load(gid));
  },
};
