/**
 * Customer reads: many customers by GID in as few `nodes(ids:)` calls as the cost limit allows
 * (one call for up to 142 customers with these fields), by email with the search syntax, and
 * pages of the `customers` connection for syncs.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/nodes
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/customers
 */
import { z } from 'zod';
import { normalizeEmail } from '../unified/normalize.js';
import type { CallOptions, ShopifyGraphql } from './graphql.js';
import type { Page } from './paging.js';
import { estimateQueryCost, itemsPerQuery } from './query-cost.js';
import { connectionPage, CUSTOMER_FIELDS, CUSTOMERS_BY_ID } from './queries.js';
import { PageInfoSchema, ShopifyCustomerSchema, type ShopifyCustomer } from './schemas.js';

/** Customers per `nodes(ids:)` call: as many as fit under 1000 points. */
export const CUSTOMERS_PER_CALL = itemsPerQuery(estimateQueryCost(CUSTOMERS_BY_ID, { ids: ['x'] }));
/** Customers per connection page with the full field set. */
export const CUSTOMER_PAGE_SIZE = itemsPerQuery(estimateQueryCost(connectionPage('C', 'customers', 'ID', CUSTOMER_FIELDS), { first: 1 }) - 2, 2);

const NodesSchema = z.object({ nodes: z.array(ShopifyCustomerSchema.nullable()) });
const CustomerPageSchema = z.object({ customers: z.object({ nodes: z.array(ShopifyCustomerSchema), pageInfo: PageInfoSchema }) });
const CUSTOMER_PAGE = connectionPage('CustomersPage', 'customers', 'UPDATED_AT', CUSTOMER_FIELDS);

/** A value for Shopify's search syntax, quoted; refused when it could break out of its quotes. */
export function searchValue(value: string): string {
  if (/["\\]/.test(value)) throw new Error('search values may not contain quotes or backslashes');
  return `"${value}"`;
}

export function createCustomerReads(graphql: ShopifyGraphql) {
  async function getCustomers(gids: readonly string[], options?: CallOptions): Promise<(ShopifyCustomer | undefined)[]> {
    const out: (ShopifyCustomer | undefined)[] = [];
    for (let i = 0; i < gids.length; i += CUSTOMERS_PER_CALL) {
      const ids = gids.slice(i, i + CUSTOMERS_PER_CALL);
      const data = await graphql.request('customers.byIds', CUSTOMERS_BY_ID, { ids }, NodesSchema, options);
      // nodes(ids:) answers in the order asked; an id of another type answers an empty object.
      out.push(...data.nodes.map((n) => n ?? undefined));
    }
    return out;
  }

  /** One page of the `customers` connection, oldest update first. */
  function customersPage(query: string | null, after: string | null, first = CUSTOMER_PAGE_SIZE, options?: CallOptions): Promise<Page<ShopifyCustomer>> {
    return graphql.request('customers.page', CUSTOMER_PAGE, { first, after, query, reverse: false }, CustomerPageSchema, options).then((d) => d.customers);
  }

  /** Customers holding any of these emails (Shopify compares case-insensitively), in one call per 50 emails. */
  async function getCustomersByEmail(emails: readonly string[], options?: CallOptions): Promise<ShopifyCustomer[]> {
    const wanted = [...new Set(emails.map((e) => normalizeEmail(e)).filter((e): e is string => e !== undefined))];
    const found: ShopifyCustomer[] = [];
    for (let i = 0; i < wanted.length; i += 50) {
      const chunk = wanted.slice(i, i + 50);
      const query = chunk.map((email) => `email:${searchValue(email)}`).join(' OR ');
      const page = await customersPage(query, null, Math.min(CUSTOMER_PAGE_SIZE, chunk.length), options);
      found.push(...page.nodes.filter((c) => chunk.includes(normalizeEmail(c.defaultEmailAddress?.emailAddress) ?? '')));
    }
    return found;
  }

  return { getCustomers, getCustomersByEmail, customersPage };
}
