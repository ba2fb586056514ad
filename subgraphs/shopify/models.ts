import type { ShopifyCustomer } from '../../connectors/shopify/schemas.js';

export type ShopifyCustomerModel = ShopifyCustomer;
