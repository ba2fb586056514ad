/**
 * The Shopify records the hub caches, named as cache keys (`cacheKeyOf`) so that a webhook's
 * changed records drop exactly the cached reads it makes stale. Subgraph loaders key their cache
 * entries with the same entities.
 */
import type { ChangedRecord } from '../../unified/batch.js';

export const SHOPIFY_ENTITIES = {
  /** A customer's own fields, roll-ups and consent, by customer GID. */
  customer: 'customer',
  /** The first page of a customer's orders, by customer GID. */
  orders: 'customer-orders',
  /** A customer's abandoned checkouts, by customer GID. */
  checkouts: 'customer-checkouts',
  /** An order's line items, by order GID. */
  lineItems: 'order-line-items',
} as const;

export type ShopifyEntity = keyof typeof SHOPIFY_ENTITIES;

export const changed = (entity: ShopifyEntity, id: string): ChangedRecord => ({ vendor: 'shopify', entity: SHOPIFY_ENTITIES[entity], id });
