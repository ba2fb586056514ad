/**
 * Shopify Admin GraphQL client. Customers by GID (batched through `nodes(ids:)`), by email
 * (search syntax), and every customer with Relay paging.
 * @see https://shopify.dev/docs/api/admin-graphql
 */
import { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { VendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp } from '../http/vendor-http.js';
import { CUSTOMER_FIELDS, GraphQLResponseSchema, PageInfoSchema, ShopifyCustomerSchema, type ShopifyCustomer } from './schemas.js';

export const SHOPIFY = 'shopify';
/** `nodes(ids:)` and connection pages take at most 250 items. */
export const SHOPIFY_PAGE_LIMIT = 250;

export interface ShopifyClient {
  getCustomer(gid: string): Promise<ShopifyCustomer | undefined>;
  getCustomerByEmail(email: string): Promise<ShopifyCustomer | undefined>;
  getCustomers(gids: readonly string[]): Promise<(ShopifyCustomer | undefined)[]>;
  listCustomers(options?: { updatedSince?: string; pageSize?: number }): AsyncGenerator<ShopifyCustomer[]>;
  /** Runs one GraphQL document; throttling and GraphQL errors become VendorErrors. */
  graphql<T>(operation: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Standard plan: the bucket refills 100 cost points per second. */
export const SHOPIFY_BUDGET = { points: 100, durationMs: 1000 };

export function createShopifyClient(connection: VendorConnection & { apiVersion: string }, runtime: ConnectorRuntime): ShopifyClient {
  const http = createVendorHttp({
    vendor: SHOPIFY,
    baseURL: connection.baseUrl,
    headers: { 'x-shopify-access-token': connection.credential, 'content-type': 'application/json' },
    ...vendorHttpOptions(runtime, SHOPIFY, connection, SHOPIFY_BUDGET),
    // Shopify throttles with HTTP 200 and a THROTTLED error; the wait follows from the bucket.
    interpret: (response) => {
      const body = GraphQLResponseSchema.safeParse(response.data);
      if (!body.success || !Array.isArray(body.data.errors)) return undefined;
      if (!body.data.errors.some((e) => e.extensions?.code === 'THROTTLED')) return undefined;
      const cost = body.data.extensions?.cost;
      const deficit = cost ? cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable : 0;
      const retryAfterMs = cost ? Math.ceil((Math.max(deficit, 0) / cost.throttleStatus.restoreRate) * 1000) : 1000;
      return { code: 'UPSTREAM_THROTTLED', message: 'THROTTLED', retryAfterMs };
    },
  });
  const path = `/admin/api/${connection.apiVersion}/graphql.json`;

  async function graphql<T>(operation: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const raw = await http.request(operation, { method: 'POST', url: path, data: { query, variables } });
    const body = parseVendorPayload(SHOPIFY, operation, GraphQLResponseSchema, raw);
    if (body.errors !== undefined && body.data == null) {
      const message = typeof body.errors === 'string' ? body.errors : body.errors.map((e) => e.message).join('; ');
      throw new VendorError(message, { vendor: SHOPIFY, operation, code: 'UPSTREAM_BAD_REQUEST', retryable: false });
    }
    return body.data as T;
  }

  const CustomerConnectionSchema = z.object({
    customers: z.object({ nodes: z.array(ShopifyCustomerSchema), pageInfo: PageInfoSchema }),
  });

  return {
    graphql,

    async getCustomer(gid) {
      const [customer] = await this.getCustomers([gid]);
      return customer;
    },

    async getCustomerByEmail(email) {
      const data = await graphql('customers.byEmail', `query($q: String!) { customers(first: 1, query: $q) { nodes { ${CUSTOMER_FIELDS} } pageInfo { hasNextPage endCursor } } }`, {
        q: `email:"${email.trim()}"`,
      });
      return parseVendorPayload(SHOPIFY, 'customers.byEmail', CustomerConnectionSchema, data).customers.nodes[0];
    },

    async getCustomers(gids) {
      const out: (ShopifyCustomer | undefined)[] = [];
      for (let i = 0; i < gids.length; i += SHOPIFY_PAGE_LIMIT) {
        const ids = gids.slice(i, i + SHOPIFY_PAGE_LIMIT);
        const data = await graphql('customers.nodes', `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { ${CUSTOMER_FIELDS} } } }`, { ids });
        const parsed = parseVendorPayload(
          SHOPIFY,
          'customers.nodes',
          z.object({ nodes: z.array(ShopifyCustomerSchema.nullable()) }),
          data,
        );
        out.push(...parsed.nodes.map((n) => n ?? undefined));
      }
      return out;
    },

    async *listCustomers({ updatedSince, pageSize = SHOPIFY_PAGE_LIMIT } = {}) {
      let after: string | null = null;
      const query = updatedSince ? `updated_at:>='${updatedSince}'` : null;
      for (;;) {
        const data: unknown = await graphql(
          'customers.list',
          `query($first: Int!, $after: String, $query: String) { customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { nodes { ${CUSTOMER_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
          { first: pageSize, after, query },
        );
        const page: z.infer<typeof CustomerConnectionSchema>['customers'] = parseVendorPayload(
          SHOPIFY,
          'customers.list',
          CustomerConnectionSchema,
          data,
        ).customers;
        if (page.nodes.length > 0) yield page.nodes;
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
        after = page.pageInfo.endCursor;
      }
    },
  };
}
