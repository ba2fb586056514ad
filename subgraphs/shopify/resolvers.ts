import { SHOPIFY } from '../../connectors/shopify/client.js';
import { guardVendor } from '../shared/upstream-error.js';
import { identityValues } from '../shared/customer-reference.js';
import type { Resolvers } from './__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Customer: {
    shopify: async (customer, _args, { loaders }) => {
      const [gid] = identityValues(customer, 'SHOPIFY');
      if (!gid) return null;
      return guardVendor(SHOPIFY, () => loaders.customerById.load(gid));
    },
  },
  ShopifyCustomer: {
    email: (c) => c.defaultEmailAddress?.emailAddress ?? null,
    phone: (c) => c.defaultPhoneNumber?.phoneNumber ?? null,
    numberOfOrders: (c) => Number(c.numberOfOrders),
    // Shopify's Decimal drops trailing zeros ("147.0"); money reads with two decimals here.
    amountSpent: (c) => ({ amount: Number(c.amountSpent.amount).toFixed(2), currencyCode: c.amountSpent.currencyCode }),
  },
};
