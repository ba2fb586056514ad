import { SHOPIFY } from '../../../connectors/shopify/client.js';
import { money } from '../../../connectors/shopify/mappers/facts.js';
import { guardVendor } from '../../shared/upstream-error.js';
import type { ShopifyAbandonedCheckoutResolvers, ShopifyLineItemResolvers, ShopifyOrderResolvers } from '../__generated__/resolvers-types.js';
import { setCacheHint } from '../cache-hint.js';
import { CACHE_HINTS } from '../cache-policy.js';
import { pageSize } from './page-size.js';

export const ShopifyOrder: ShopifyOrderResolvers = {
  financialStatus: (o) => o.displayFinancialStatus,
  total: (o) => money(o.totalPriceSet.shopMoney.amount, o.totalPriceSet.shopMoney.currencyCode),
  itemCount: (o) => o.subtotalLineItemsQuantity,
  lineItems: async (o, args, { loaders }, info) => {
    const first = pageSize('first', args.first ?? 10);
    setCacheHint(info, CACHE_HINTS.lineItems);
    return (await guardVendor(SHOPIFY, () => loaders.lineItems(o.id, first))) ?? [];
  },
};

export const ShopifyLineItem: ShopifyLineItemResolvers = {
  unitPrice: (li) => money(li.originalUnitPriceSet.shopMoney.amount, li.originalUnitPriceSet.shopMoney.currencyCode),
};

export const ShopifyAbandonedCheckout: ShopifyAbandonedCheckoutResolvers = {
  recovered: (c) => c.completedAt !== null,
  recoveryUrl: (c) => c.abandonedCheckoutUrl,
  total: (c) => money(c.totalPriceSet.shopMoney.amount, c.totalPriceSet.shopMoney.currencyCode),
  lineItems: (c) => c.lineItems.nodes,
};
