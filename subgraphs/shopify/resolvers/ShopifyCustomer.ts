import { SHOPIFY } from '../../../connectors/shopify/client.js';
import { legacyIdOf } from '../../../connectors/shopify/gid.js';
import { money } from '../../../connectors/shopify/mappers/facts.js';
import { guardVendor } from '../../shared/upstream-error.js';
import type { ShopifyCustomerResolvers } from '../__generated__/resolvers-types.js';
import { setCacheHint } from '../cache-hint.js';
import { CACHE_HINTS } from '../cache-policy.js';
import { pageSize } from './page-size.js';

const NO_ORDERS = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };

export const ShopifyCustomer: ShopifyCustomerResolvers = {
  legacyId: (c) => legacyIdOf(c.id, 'Customer') ?? c.id,
  adminUrl: (c, _args, { shopHandle }) => (shopHandle ? `https://admin.shopify.com/store/${shopHandle}/customers/${legacyIdOf(c.id, 'Customer')}` : null),
  email: (c) => c.defaultEmailAddress?.emailAddress ?? null,
  phone: (c) => c.defaultPhoneNumber?.phoneNumber ?? null,
  defaultAddress: (c) => (c.defaultAddress ? { ...c.defaultAddress, countryCode: c.defaultAddress.countryCodeV2 } : null),
  numberOfOrders: (c) => Number(c.numberOfOrders),
  amountSpent: (c) => money(c.amountSpent.amount, c.amountSpent.currencyCode),
  emailMarketing: (c) =>
    c.emailMarketingConsent && {
      state: c.emailMarketingConsent.marketingState,
      optInLevel: c.emailMarketingConsent.marketingOptInLevel,
      updatedAt: c.emailMarketingConsent.consentUpdatedAt,
      collectedFrom: null,
    },
  smsMarketing: (c) =>
    c.smsMarketingConsent && {
      state: c.smsMarketingConsent.marketingState,
      optInLevel: c.smsMarketingConsent.marketingOptInLevel,
      updatedAt: c.smsMarketingConsent.consentUpdatedAt,
      collectedFrom: c.smsMarketingConsent.consentCollectedFrom,
    },
  orders: async (c, args, { loaders }, info) => {
    const first = pageSize('first', args.first ?? 5);
    setCacheHint(info, CACHE_HINTS.orders);
    const page = await guardVendor(SHOPIFY, () => loaders.orders({ customerId: c.id, first, after: args.after ?? null }));
    return page ? { nodes: page.nodes, pageInfo: page.pageInfo } : NO_ORDERS;
  },
  abandonedCheckouts: async (c, args, { loaders }, info) => {
    const first = pageSize('first', args.first ?? 5);
    setCacheHint(info, CACHE_HINTS.checkouts);
    const checkouts = await guardVendor(SHOPIFY, () => loaders.checkouts(c.id, c.defaultEmailAddress?.emailAddress ?? null));
    return (checkouts ?? []).slice(0, first);
  },
};
