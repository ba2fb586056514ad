import { GraphQLError } from 'graphql';
import { matchesTerm, parseSearchQuery, type SearchTerm } from './search-query.js';
import { customerGid, type ShopifyCustomerRecord, type ShopifyState } from './state.js';

const MAX_PAGE = 250;

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

export function createShopifyResolvers(state: ShopifyState) {
  const byGid = (gid: string) => {
    const match = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(gid);
    return match ? state.customers.get(match[1]!) : undefined;
  };

  return {
    Query: {
      customer: (_: unknown, args: { id: string }) => byGid(args.id) ?? null,
      nodes: (_: unknown, args: { ids: string[] }) => {
        if (args.ids.length > MAX_PAGE) throw new GraphQLError(`The ids argument accepts at most ${MAX_PAGE} ids.`);
        return args.ids.map((id) => byGid(id) ?? null);
      },
      customers: (_: unknown, args: ConnectionArgs) => {
        const terms = parseSearchQuery(args.query);
        const matching = [...state.customers.values()].filter((c) => terms.every((t) => matchesCustomer(c, t)));
        return paginate(matching, args);
      },
    },
    Node: {
      __resolveType: () => 'Customer',
    },
    Customer: {
      id: (c: ShopifyCustomerRecord) => customerGid(c.legacyId),
      legacyResourceId: (c: ShopifyCustomerRecord) => c.legacyId,
      displayName: (c: ShopifyCustomerRecord) => `${c.firstName} ${c.lastName}`.trim() || c.email || '',
      defaultEmailAddress: (c: ShopifyCustomerRecord) => (c.email ? { emailAddress: c.email } : null),
      defaultPhoneNumber: (c: ShopifyCustomerRecord) => (c.phone ? { phoneNumber: c.phone } : null),
      numberOfOrders: (c: ShopifyCustomerRecord) => String(c.orders.length),
      amountSpent: (c: ShopifyCustomerRecord) => ({
        amount: c.orders.reduce((sum, o) => sum + Number(o.total), 0).toFixed(2),
        currencyCode: 'USD',
      }),
    },
  };
}

function matchesCustomer(customer: ShopifyCustomerRecord, term: SearchTerm): boolean {
  switch (term.field) {
    case 'email':
      return matchesTerm(customer.email, term);
    case 'phone':
      return matchesTerm(customer.phone, term);
    case 'id':
      return customer.legacyId === term.value;
    case 'updated_at':
      return matchesTerm(customer.updatedAt, term);
    case 'created_at':
      return matchesTerm(customer.createdAt, term);
    default:
      return true; // Shopify ignores unknown search fields rather than failing.
  }
}

function sortValue(customer: ShopifyCustomerRecord, sortKey: string): string {
  switch (sortKey) {
    case 'UPDATED_AT':
      return customer.updatedAt;
    case 'CREATED_AT':
      return customer.createdAt;
    case 'NAME':
      return `${customer.lastName} ${customer.firstName}`;
    default:
      return customer.legacyId.padStart(20, '0');
  }
}

function paginate(customers: ShopifyCustomerRecord[], args: ConnectionArgs) {
  const sortKey = args.sortKey ?? 'ID';
  const keyed = customers
    .map((c) => ({ c, key: `${sortValue(c, sortKey)}|${c.legacyId.padStart(20, '0')}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (args.reverse) keyed.reverse();
  if (args.first == null && args.last == null) {
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  const size = args.first ?? args.last ?? 0;
  if (size > MAX_PAGE || size < 0) {
    throw new GraphQLError(`The first/last argument must be between 0 and ${MAX_PAGE}.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const afterKey = args.after ? decodeCursor(args.after) : undefined;
  const beyond = (key: string) => (args.reverse ? key < afterKey! : key > afterKey!);
  const start = afterKey === undefined ? 0 : keyed.findIndex((k) => beyond(k.key));
  const page = start < 0 ? [] : keyed.slice(start, start + size);
  const edges = page.map(({ c, key }) => ({ cursor: encodeCursor(key), node: c }));
  return {
    edges,
    nodes: page.map((p) => p.c),
    pageInfo: {
      hasNextPage: start >= 0 && start + size < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ last_key: key })).toString('base64');

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_key?: unknown };
    if (typeof parsed.last_key === 'string') return parsed.last_key;
  } catch {
    // fall through to the error Shopify gives for a cursor it did not issue
  }
  throw new GraphQLError('Invalid cursor for current pagination sort.', { extensions: { code: 'BAD_REQUEST' } });
}
