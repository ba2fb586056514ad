/**
 * Order reads. A customer view asks for the latest orders of many customers: their first pages
 * come from one `nodes(ids:)` call (as many customers as fit under 1000 points); line items,
 * which multiply the cost, are a separate read of many orders at once, made only when asked
 * for. A later page of one customer's orders follows that connection's own cursor. Syncs read
 * pages of the top-level `orders` connection.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer#connection-orders
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders
 */
import { z } from 'zod';
import type { CallOptions, ShopifyGraphql } from './graphql.js';
import type { Page } from './paging.js';
import { estimateQueryCost, itemsPerQuery } from './query-cost.js';
import { connectionPage, CUSTOMER_ORDERS_AFTER, CUSTOMER_ORDERS_BY_IDS, ORDER_FIELDS, ORDER_LINE_ITEMS_BY_IDS } from './queries.js';
import {
  OrderLineItemsSchema,
  PageInfoSchema,
  ShopifyOrderSchema,
  ShopifyOrderSummarySchema,
  type ShopifyOrder,
  type ShopifyOrderLineItems,
  type ShopifyOrderSummary,
} from './schemas.js';

export interface OrdersRequest {
  customerId: string;
  first: number;
  after?: string | null | undefined;
}

export interface CustomerOrdersPage extends Page<ShopifyOrderSummary> {
  customerId: string;
}

const OrdersConnection = z.object({ nodes: z.array(ShopifyOrderSummarySchema), pageInfo: PageInfoSchema });
const CustomerOrdersNodes = z.object({ nodes: z.array(z.object({ id: z.string().optional(), orders: OrdersConnection.optional() }).nullable()) });
const CustomerOrdersAfter = z.object({ customer: z.object({ id: z.string(), orders: OrdersConnection }).nullable() });
const LineItemsNodes = z.object({ nodes: z.array(OrderLineItemsSchema.partial().nullable()) });
const OrderPageSchema = z.object({ orders: z.object({ nodes: z.array(ShopifyOrderSchema), pageInfo: PageInfoSchema }) });
const ORDER_PAGE = connectionPage('OrdersPage', 'orders', 'UPDATED_AT', ORDER_FIELDS);

/** Orders per sync page. */
export const ORDER_PAGE_SIZE = itemsPerQuery(estimateQueryCost(ORDER_PAGE, { first: 1 }) - 2, 2);

export function createOrderReads(graphql: ShopifyGraphql) {
  /** First pages of many customers, batched by page size; later pages one call each. */
  async function getOrderPages(requests: readonly OrdersRequest[], options?: CallOptions): Promise<(CustomerOrdersPage | undefined)[]> {
    const out = new Map<OrdersRequest, CustomerOrdersPage | undefined>();
    const firstPages = new Map<number, OrdersRequest[]>();
    for (const request of requests) {
      if (request.after) continue;
      firstPages.set(request.first, [...(firstPages.get(request.first) ?? []), request]);
    }
    for (const [first, group] of firstPages) {
      const perCall = itemsPerQuery(estimateQueryCost(CUSTOMER_ORDERS_BY_IDS, { ids: ['x'], first }));
      for (let i = 0; i < group.length; i += perCall) {
        const chunk = group.slice(i, i + perCall);
        const data = await graphql.request('orders.firstPages', CUSTOMER_ORDERS_BY_IDS, { ids: chunk.map((r) => r.customerId), first }, CustomerOrdersNodes, options);
        chunk.forEach((request, j) => {
          const orders = data.nodes[j]?.orders;
          out.set(request, orders ? { customerId: request.customerId, ...orders } : undefined);
        });
      }
    }
    for (const request of requests) {
      if (!request.after) continue;
      const data = await graphql.request('orders.nextPage', CUSTOMER_ORDERS_AFTER, { id: request.customerId, first: request.first, after: request.after }, CustomerOrdersAfter, options);
      out.set(request, data.customer ? { customerId: request.customerId, ...data.customer.orders } : undefined);
    }
    return requests.map((r) => out.get(r));
  }

  /** The first `first` line items of each order, in as few calls as the cost limit allows. */
  async function getLineItems(orderIds: readonly string[], first: number, options?: CallOptions): Promise<(ShopifyOrderLineItems | undefined)[]> {
    const perCall = itemsPerQuery(estimateQueryCost(ORDER_LINE_ITEMS_BY_IDS, { ids: ['x'], first }));
    const out: (ShopifyOrderLineItems | undefined)[] = [];
    for (let i = 0; i < orderIds.length; i += perCall) {
      const ids = orderIds.slice(i, i + perCall);
      const data = await graphql.request('orders.lineItems', ORDER_LINE_ITEMS_BY_IDS, { ids, first }, LineItemsNodes, options);
      out.push(...data.nodes.map((n) => (n?.id && n.lineItems ? { id: n.id, lineItems: n.lineItems } : undefined)));
    }
    return out;
  }

  /** One page of the `orders` connection, oldest update first. */
  function ordersPage(query: string | null, after: string | null, first = ORDER_PAGE_SIZE, options?: CallOptions): Promise<Page<ShopifyOrder>> {
    return graphql.request('orders.page', ORDER_PAGE, { first, after, query, reverse: false }, OrderPageSchema, options).then((d) => d.orders);
  }

  return { getOrderPages, getLineItems, ordersPage };
}
