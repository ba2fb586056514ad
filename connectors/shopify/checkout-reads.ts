/**
 * Abandoned checkout reads. Shopify offers no per-customer field or documented `customer_id`
 * filter for `abandonedCheckouts`, so the checkouts of many customers are found with the
 * documented free-text search over their email addresses (`"a@x" OR "b@y"`), paged to the end,
 * and kept only when the checkout's own customer id is one asked for (free text may match more).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/abandonedCheckouts
 */
import { z } from 'zod';
import { normalizeEmail } from '../unified/normalize.js';
import { searchValue } from './customer-reads.js';
import type { CallOptions, ShopifyGraphql } from './graphql.js';
import { pagesOf, type Page } from './paging.js';
import { estimateQueryCost, itemsPerQuery } from './query-cost.js';
import { checkoutFields, connectionPage } from './queries.js';
import { PageInfoSchema, ShopifyCheckoutSchema, type ShopifyCheckout } from './schemas.js';

/** Line items read per checkout: enough for a customer view, cheap enough for big pages. */
export const CHECKOUT_LINE_ITEMS = 5;
/** Emails per search: keeps the query string short. */
const EMAILS_PER_SEARCH = 50;

const byNewest = connectionPage('CheckoutsByNewest', 'abandonedCheckouts', 'CREATED_AT', checkoutFields(CHECKOUT_LINE_ITEMS));
/** Syncs page by id: Shopify has no UPDATED_AT sort key for abandoned checkouts. */
const byId = connectionPage('CheckoutsPage', 'abandonedCheckouts', 'ID', checkoutFields(CHECKOUT_LINE_ITEMS));
export const CHECKOUT_PAGE_SIZE = itemsPerQuery(estimateQueryCost(byId, { first: 1 }) - 2, 2);

const CheckoutPageSchema = z.object({ abandonedCheckouts: z.object({ nodes: z.array(ShopifyCheckoutSchema), pageInfo: PageInfoSchema }) });

export interface CheckoutOwner {
  customerId: string;
  email: string | null | undefined;
}

export function createCheckoutReads(graphql: ShopifyGraphql) {
  function page(document: string, query: string | null, after: string | null, first: number, options?: CallOptions): Promise<Page<ShopifyCheckout>> {
    const operation = document === byId ? 'checkouts.page' : 'checkouts.byEmails';
    return graphql
      .request(operation, document, { first, after, query, reverse: document === byNewest }, CheckoutPageSchema, options)
      .then((d) => d.abandonedCheckouts);
  }

  /** Each owner's abandoned checkouts, newest first; owners without an email have none findable. */
  async function getCheckoutsFor(owners: readonly CheckoutOwner[], options?: CallOptions): Promise<Map<string, ShopifyCheckout[]>> {
    const result = new Map<string, ShopifyCheckout[]>(owners.map((o) => [o.customerId, []]));
    const searchable = owners.filter((o) => normalizeEmail(o.email) !== undefined);
    for (let i = 0; i < searchable.length; i += EMAILS_PER_SEARCH) {
      const chunk = searchable.slice(i, i + EMAILS_PER_SEARCH);
      const query = chunk.map((o) => searchValue(normalizeEmail(o.email)!)).join(' OR ');
      for await (const found of pagesOf((after) => page(byNewest, query, after, CHECKOUT_PAGE_SIZE, options))) {
        for (const checkout of found.nodes) {
          const owner = checkout.customer?.id;
          if (owner && result.has(owner)) result.get(owner)!.push(checkout);
        }
      }
    }
    return result;
  }

  /** One page of every abandoned checkout, by id, optionally filtered (`updated_at:>=...`). */
  const checkoutsPage = (query: string | null, after: string | null, first = CHECKOUT_PAGE_SIZE, options?: CallOptions) =>
    page(byId, query, after, first, options);

  return { getCheckoutsFor, checkoutsPage };
}
