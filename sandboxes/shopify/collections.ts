/**
 * The three searchable collections (customers, orders, abandoned checkouts): which `query:`
 * filters each supports, how each `sortKey` orders it, and one listing function that filters a
 * cached sorted view and cuts a Relay page from it.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/customers
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/abandonedCheckouts
 */
import { paginate, sortKey, type Connection, type ConnectionArgs } from './connection.js';
import { matchesDefault, matchesQuery, matchesTerm, parseSearchQuery, type SearchQuery, type SearchTerm } from './search-query.js';
import type { ShopifyCheckoutRecord, ShopifyCustomerRecord, ShopifyOrderRecord, ShopifyState } from './state.js';

export interface ListArgs extends ConnectionArgs {
  query?: string | null;
  sortKey?: string | null;
}

interface CollectionSpec<T> {
  name: string;
  all(state: ShopifyState): Iterable<T>;
  id(record: T): string;
  /** undefined: a filter this collection does not know (ignored, as Shopify does). */
  matches(state: ShopifyState, record: T, term: SearchTerm): boolean | undefined;
  sortValue(state: ShopifyState, record: T, sortKey: string): string;
  /**
   * The only records that can match, when every alternative pins an indexed field (an exact
   * email, phone or customer id), so a lookup in a 100,000-record store does not scan it.
   */
  candidates?(state: ShopifyState, query: SearchQuery): T[] | undefined;
}

/** The exact values every alternative pins for `field`, or undefined when one does not. */
function pinned(query: SearchQuery, field: string): string[] | undefined {
  if (query.length === 0) return undefined;
  const values: string[] = [];
  for (const group of query) {
    const term = group.find((t) => t.field === field && t.comparator === '=' && !t.negated && !t.value.endsWith('*'));
    if (!term) return undefined;
    values.push(term.value);
  }
  return values;
}

const unique = <T>(records: (T | undefined)[]): T[] => [...new Set(records.filter((r): r is T => r !== undefined))];
const cents = (amount: string) => String(Math.round(Number(amount) * 100)).padStart(15, '0');
const fullName = (c: ShopifyCustomerRecord | undefined) => (c ? `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() : '');

export const CUSTOMERS: CollectionSpec<ShopifyCustomerRecord> = {
  name: 'customers',
  all: (state) => state.customers.values(),
  id: (c) => c.legacyId,
  matches: (_state, c, term) => {
    switch (term.field) {
      case 'email':
        return matchesTerm(c.email, term);
      case 'phone':
        return matchesTerm(c.phone, term);
      case 'id':
        return matchesTerm(c.legacyId, term);
      case 'updated_at':
        return matchesTerm(c.updatedAt, term);
      case 'created_at':
        return matchesTerm(c.createdAt, term);
      case 'state':
        return matchesTerm(c.state, term);
      case 'tag':
        return c.tags.some((tag) => matchesTerm(tag, term));
      case 'default':
        return matchesDefault([c.firstName, c.lastName, c.email, c.phone], term);
      default:
        return undefined;
    }
  },
  candidates: (state, query) => {
    const emails = pinned(query, 'email');
    if (emails) return unique(emails.map((e) => state.customerByEmail(e)));
    const phones = pinned(query, 'phone');
    if (phones) return unique(phones.flatMap((phone) => state.customersByPhone(phone)));
    const ids = pinned(query, 'id');
    return ids && unique(ids.map((id) => state.customers.get(id)));
  },
  sortValue: (_state, c, key) => {
    switch (key) {
      case 'UPDATED_AT':
        return c.updatedAt;
      case 'CREATED_AT':
        return c.createdAt;
      case 'NAME':
        return fullName(c).toLowerCase();
      default:
        return '';
    }
  },
};

export const ORDERS: CollectionSpec<ShopifyOrderRecord> = {
  name: 'orders',
  all: (state) => state.orders.values(),
  id: (o) => o.legacyId,
  matches: (_state, o, term) => {
    switch (term.field) {
      case 'customer_id':
        return matchesTerm(o.customerId, term);
      case 'created_at':
        return matchesTerm(o.createdAt, term);
      case 'processed_at':
        return matchesTerm(o.processedAt, term);
      case 'updated_at':
        return matchesTerm(o.updatedAt, term);
      case 'email':
        return matchesTerm(o.email, term);
      case 'id':
        return matchesTerm(o.legacyId, term);
      case 'name':
        return matchesTerm(o.name, term) || matchesTerm(o.name.replace(/^#/, ''), term);
      case 'financial_status':
        return matchesTerm('paid', term);
      case 'default':
        return matchesDefault([o.name, o.email], term);
      default:
        return undefined;
    }
  },
  candidates: (state, query) => {
    const customers = pinned(query, 'customer_id');
    return customers && unique(customers.flatMap((id) => state.customers.get(id)?.orderIds ?? []).map((id) => state.orders.get(id)));
  },
  sortValue: (_state, o, key) => {
    switch (key) {
      case 'CREATED_AT':
        return o.createdAt;
      case 'PROCESSED_AT':
        return o.processedAt;
      case 'UPDATED_AT':
        return o.updatedAt;
      case 'ORDER_NUMBER':
        return o.name.replace(/\D/g, '').padStart(15, '0');
      case 'TOTAL_PRICE':
        return cents(o.total);
      default:
        return '';
    }
  },
};

export const CHECKOUTS: CollectionSpec<ShopifyCheckoutRecord> = {
  name: 'abandonedCheckouts',
  // Only checkouts Shopify counts as abandoned are listed (recovered ones included).
  all: (state) => [...state.checkouts.values()].filter((c) => c.abandoned),
  id: (c) => c.legacyId,
  matches: (state, c, term) => {
    switch (term.field) {
      case 'created_at':
        return matchesTerm(c.createdAt, term);
      case 'updated_at':
        return matchesTerm(c.updatedAt, term);
      case 'email_state':
        return matchesTerm(c.emailState, term);
      case 'recovery_state':
        return matchesTerm(c.completedAt ? 'recovered' : 'not_recovered', term);
      case 'status':
        return matchesTerm(c.completedAt ? 'closed' : 'open', term);
      case 'id':
        return matchesTerm(c.legacyId, term);
      case 'default':
        return matchesDefault([c.email, `#${c.legacyId}`, fullName(state.customers.get(c.customerId ?? ''))], term);
      default:
        return undefined;
    }
  },
  sortValue: (state, c, key) => {
    switch (key) {
      case 'CREATED_AT':
        return c.createdAt;
      case 'CUSTOMER_NAME':
        return fullName(state.customers.get(c.customerId ?? '')).toLowerCase();
      case 'TOTAL_PRICE':
        return cents(c.total);
      default:
        return '';
    }
  },
};

/** One Relay page of a collection, or of `scope` (a customer's own orders) when given. */
export function list<T>(state: ShopifyState, spec: CollectionSpec<T>, args: ListArgs, scope?: T[]): Connection<T> {
  const key = args.sortKey ?? 'ID';
  const keyOf = (record: T) => sortKey(spec.sortValue(state, record, key), spec.id(record));
  const query = parseSearchQuery(args.query);
  const subset = scope ?? spec.candidates?.(state, query);
  const sorted = subset
    ? subset.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    : state.sortedView(`${spec.name}:${key}`, () => spec.all(state), keyOf);
  const filtered = query.length === 0 ? sorted : sorted.filter((entry) => matchesQuery(entry.item, query, (r, t) => spec.matches(state, r, t)));
  return paginate(spec.name, filtered, args);
}
