/**
 * Shopify Admin GraphQL client (API version from configuration, 2026-10 by default): the reads a
 * customer view needs in batch forms for DataLoader (customers, their orders and line items,
 * their abandoned checkouts), the pages syncs walk, and the consent and erasure writes.
 * @see https://shopify.dev/docs/api/admin-graphql
 */
import type { VendorConnection } from '../../config/env.js';
import type { ConnectorRuntime } from '../http/runtime.js';
import { createCheckoutReads } from './checkout-reads.js';
import { createCustomerReads } from './customer-reads.js';
import { createShopifyGraphql, SHOPIFY, type CallOptions, type HttpOverrides, type ShopifyGraphql } from './graphql.js';
import { createMutations } from './mutations.js';
import { createOrderReads } from './order-reads.js';
import { pagesOf } from './paging.js';
import type { ShopifyCustomer } from './schemas.js';

export { SHOPIFY };

export type ShopifyClient = ReturnType<typeof createCustomerReads> &
  ReturnType<typeof createOrderReads> &
  ReturnType<typeof createCheckoutReads> &
  ReturnType<typeof createMutations> & {
    graphql: ShopifyGraphql;
    getCustomer(gid: string, options?: CallOptions): Promise<ShopifyCustomer | undefined>;
    getCustomerByEmail(email: string, options?: CallOptions): Promise<ShopifyCustomer | undefined>;
    /** Every customer, page by page, to the last page (the identity backfill). */
    listCustomers(options?: { updatedSince?: string }): AsyncGenerator<ShopifyCustomer[]>;
    close(): void;
  };

export function createShopifyClient(
  connection: VendorConnection & { apiVersion: string },
  runtime: ConnectorRuntime,
  overrides: HttpOverrides = {},
): ShopifyClient {
  const graphql = createShopifyGraphql(connection, runtime, overrides);
  const customers = createCustomerReads(graphql);
  return {
    graphql,
    ...customers,
    ...createOrderReads(graphql),
    ...createCheckoutReads(graphql),
    ...createMutations(graphql),
    getCustomer: async (gid, options) => (await customers.getCustomers([gid], options))[0],
    getCustomerByEmail: async (email, options) => (await customers.getCustomersByEmail([email], options))[0],
    async *listCustomers({ updatedSince } = {}) {
      const query = updatedSince ? `updated_at:>='${updatedSince}'` : null;
      for await (const page of pagesOf((after) => customers.customersPage(query, after))) {
        if (page.nodes.length > 0) yield page.nodes;
      }
    },
    close: () => graphql.close(),
  };
}
