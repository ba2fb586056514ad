/** The objects each GraphQL type resolves from (codegen mappers): the connector's parsed payloads. */
import type { ShopifyCheckout, ShopifyCustomer, ShopifyLineItem, ShopifyOrderSummary } from '../../connectors/shopify/schemas.js';

export type ShopifyCustomerModel = ShopifyCustomer;
export type ShopifyOrderModel = ShopifyOrderSummary;
export type ShopifyAbandonedCheckoutModel = ShopifyCheckout;
export type ShopifyLineItemModel = ShopifyLineItem;
