import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Customer } from './Customer.js';
import { ShopifyCustomer } from './ShopifyCustomer.js';
import { ShopifyAbandonedCheckout, ShopifyLineItem, ShopifyOrder } from './ShopifyOrder.js';

export const resolvers: Resolvers = { Customer, ShopifyCustomer, ShopifyOrder, ShopifyLineItem, ShopifyAbandonedCheckout };
