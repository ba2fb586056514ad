/**
 * One DataLoader per Shopify read, created per request: every customer, order page, line-item
 * list and checkout list asked for while resolving one GraphQL request goes to Shopify in one
 * batch call per read (as many as its cost limit requires), behind the shared cache. Every read
 * carries the request's deadline, so a throttled or slow Shopify costs this field, not the query.
 */
import DataLoader from 'dataloader';
import type { ShopifyClient } from '../../connectors/shopify/client.js';
import type { CallOptions } from '../../connectors/shopify/graphql.js';
import { SHOPIFY_ENTITIES } from '../../connectors/shopify/mappers/changed.js';
import type { CustomerOrdersPage } from '../../connectors/shopify/order-reads.js';
import type { ShopifyCheckout, ShopifyCustomer, ShopifyLineItem } from '../../connectors/shopify/schemas.js';
import type { Cache } from '../../platform/cache/cache.js';
import { cachedLoader } from '../shared/cached-loader.js';
import { CACHE_TTL_SECONDS } from './cache-policy.js';
import { cachedVariantLoader, type VariantKey } from './cached-variants.js';

export interface OrdersKey {
  customerId: string;
  first: number;
  after: string | null;
}

export interface CheckoutsKey extends VariantKey {
  email: string | null;
}

export function createLoaders(client: ShopifyClient, cache: Cache, options: { readBudgetMs: number }) {
  const call = (): CallOptions => ({ deadline: Date.now() + options.readBudgetMs });

  const customer = cachedLoader<ShopifyCustomer>({
    cache,
    vendor: 'shopify',
    entity: SHOPIFY_ENTITIES.customer,
    ttlSeconds: CACHE_TTL_SECONDS.customer,
    negativeTtlSeconds: CACHE_TTL_SECONDS.missing,
    fetchMany: async (ids) => (await client.getCustomers(ids, call())).filter((c): c is ShopifyCustomer => c !== undefined),
    keyOf: (c) => c.id,
  });

  /** First pages, cached per customer and page size. */
  const firstOrderPage = cachedVariantLoader<VariantKey, CustomerOrdersPage>({
    cache,
    entity: SHOPIFY_ENTITIES.orders,
    ttlSeconds: CACHE_TTL_SECONDS.orders,
    fetchMany: (keys) => client.getOrderPages(keys.map((k) => ({ customerId: k.id, first: Number(k.variant) })), call()),
  });

  /** Later pages follow a cursor; they are read live. */
  const laterOrderPage = new DataLoader<OrdersKey, CustomerOrdersPage | null, string>(
    async (keys) => (await client.getOrderPages(keys, call())).map((page) => page ?? null),
    { cacheKeyFn: (k) => `${k.customerId}|${k.first}|${k.after}` },
  );

  const lineItems = cachedVariantLoader<VariantKey, ShopifyLineItem[]>({
    cache,
    entity: SHOPIFY_ENTITIES.lineItems,
    ttlSeconds: CACHE_TTL_SECONDS.lineItems,
    fetchMany: async (keys) => {
      const byFirst = new Map<string, VariantKey[]>();
      for (const key of keys) byFirst.set(key.variant, [...(byFirst.get(key.variant) ?? []), key]);
      const found = new Map<VariantKey, ShopifyLineItem[] | undefined>();
      for (const [first, group] of byFirst) {
        const read = await client.getLineItems(group.map((k) => k.id), Number(first), call());
        group.forEach((key, i) => found.set(key, read[i]?.lineItems.nodes));
      }
      return keys.map((k) => found.get(k));
    },
  });

  const checkouts = cachedVariantLoader<CheckoutsKey, ShopifyCheckout[]>({
    cache,
    entity: SHOPIFY_ENTITIES.checkouts,
    ttlSeconds: CACHE_TTL_SECONDS.checkouts,
    fetchMany: async (keys) => {
      const found = await client.getCheckoutsFor(keys.map((k) => ({ customerId: k.id, email: k.email })), call());
      return keys.map((k) => found.get(k.id) ?? []);
    },
  });

  return {
    customer,
    orders: (key: OrdersKey) =>
      key.after ? laterOrderPage.load(key) : firstOrderPage.load({ id: key.customerId, variant: String(key.first) }),
    lineItems: (orderId: string, first: number) => lineItems.load({ id: orderId, variant: String(first) }),
    checkouts: (customerId: string, email: string | null) => checkouts.load({ id: customerId, variant: 'all', email }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
