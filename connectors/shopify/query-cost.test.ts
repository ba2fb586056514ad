/**
 * The client-side cost estimate must equal what Shopify (here its sandbox) charges for every
 * document the connector sends, and every document at the sizes the connector uses must stay
 * under the single-query limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySandbox, type RunningShopify } from '../../test/support/shopify-sandbox.js';
import { CHECKOUT_LINE_ITEMS, CHECKOUT_PAGE_SIZE } from './checkout-reads.js';
import { CUSTOMER_PAGE_SIZE, CUSTOMERS_PER_CALL } from './customer-reads.js';
import { ORDER_PAGE_SIZE } from './order-reads.js';
import { estimateQueryCost, itemsPerQuery, MAX_QUERY_COST } from './query-cost.js';
import {
  checkoutFields,
  connectionPage,
  CUSTOMER_FIELDS,
  CUSTOMER_ORDERS_AFTER,
  CUSTOMER_ORDERS_BY_IDS,
  CUSTOMERS_BY_ID,
  EMAIL_CONSENT_UPDATE,
  ORDER_FIELDS,
  ORDER_LINE_ITEMS_BY_IDS,
} from './queries.js';

let shop: RunningShopify;
beforeAll(async () => {
  shop = await startShopifySandbox({ controls: { throttling: false } });
});
afterAll(async () => shop?.close());

async function chargedCost(query: string, variables: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${shop.baseUrl}/admin/api/2026-10/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': shop.connection.credential },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { extensions?: { cost?: { requestedQueryCost: number } }; errors?: unknown };
  if (!body.extensions?.cost) throw new Error(`no cost in ${JSON.stringify(body)}`);
  return body.extensions.cost.requestedQueryCost;
}

const ids = (n: number, type = 'Customer') => Array.from({ length: n }, (_, i) => `gid://shopify/${type}/${i + 1}`);

describe('Shopify query cost, estimated before sending', () => {
  const documents: [string, string, Record<string, unknown>][] = [
    ['customers by id', CUSTOMERS_BY_ID, { ids: ids(CUSTOMERS_PER_CALL) }],
    ['customers page', connectionPage('C', 'customers', 'UPDATED_AT', CUSTOMER_FIELDS), { first: CUSTOMER_PAGE_SIZE, after: null, query: null }],
    ['orders page', connectionPage('O', 'orders', 'UPDATED_AT', ORDER_FIELDS), { first: ORDER_PAGE_SIZE, after: null, query: null }],
    ['first order pages', CUSTOMER_ORDERS_BY_IDS, { ids: ids(itemsPerQuery(estimateQueryCost(CUSTOMER_ORDERS_BY_IDS, { ids: ['x'], first: 5 }))), first: 5 }],
    ['next order page', CUSTOMER_ORDERS_AFTER, { id: 'gid://shopify/Customer/7000000000001', first: 25, after: 'eyJsYXN0X2tleSI6IngifQ==' }],
    ['line items', ORDER_LINE_ITEMS_BY_IDS, { ids: ids(itemsPerQuery(estimateQueryCost(ORDER_LINE_ITEMS_BY_IDS, { ids: ['x'], first: 10 })), 'Order'), first: 10 }],
    ['checkouts page', connectionPage('K', 'abandonedCheckouts', 'ID', checkoutFields(CHECKOUT_LINE_ITEMS)), { first: CHECKOUT_PAGE_SIZE, after: null, query: null }],
    ['consent mutation', EMAIL_CONSENT_UPDATE, { input: { customerId: 'gid://shopify/Customer/1', emailMarketingConsent: { marketingState: 'SUBSCRIBED' } } }],
  ];

  for (const [name, document, variables] of documents) {
    it(`${name}: the estimate is what Shopify charges, and under ${MAX_QUERY_COST}`, async () => {
      const estimate = estimateQueryCost(document, variables);
      expect(estimate).toBe(await chargedCost(document, variables));
      expect(estimate).toBeLessThanOrEqual(MAX_QUERY_COST);
    });
  }

  it('sizes batches to the limit: one more item would not fit', () => {
    const perCustomer = estimateQueryCost(CUSTOMERS_BY_ID, { ids: ['x'] });
    expect(CUSTOMERS_PER_CALL * perCustomer).toBeLessThanOrEqual(MAX_QUERY_COST);
    expect((CUSTOMERS_PER_CALL + 1) * perCustomer).toBeGreaterThan(MAX_QUERY_COST);
    expect(() => itemsPerQuery(1001)).toThrow(/over the 1000 limit/);
    expect(itemsPerQuery(1)).toBe(250);
  });
});
