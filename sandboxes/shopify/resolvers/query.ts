/**
 * Root query fields: single records by GID, the three searchable connections, and `node`/`nodes`.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/queries/nodes
 */
import { GraphQLError } from 'graphql';
import { CHECKOUTS, CUSTOMERS, ORDERS, list, type ListArgs } from '../collections.js';
import { MAX_PAGE_SIZE } from '../connection.js';
import { parseGid, type ShopifyState } from '../state.js';

/** The record a GID names, if the store holds it (addresses are reached through their customer only). */
export function findByGid(state: ShopifyState, gid: string): object | undefined {
  const parsed = parseGid(gid);
  switch (parsed?.type) {
    case 'Customer':
      return state.customers.get(parsed.legacyId);
    case 'Order':
      return state.orders.get(parsed.legacyId);
    case 'AbandonedCheckout': {
      const checkout = state.checkouts.get(parsed.legacyId);
      return checkout?.abandoned ? checkout : undefined;
    }
    default:
      return undefined;
  }
}

const ofType = (type: string) => (state: ShopifyState, gid: string) => (parseGid(gid)?.type === type ? (findByGid(state, gid) ?? null) : null);
const customerById = ofType('Customer');
const orderById = ofType('Order');

export function createQueryResolvers(state: ShopifyState) {
  return {
    customer: (_: unknown, args: { id: string }) => customerById(state, args.id),
    customers: (_: unknown, args: ListArgs) => list(state, CUSTOMERS, args),
    order: (_: unknown, args: { id: string }) => orderById(state, args.id),
    orders: (_: unknown, args: ListArgs) => list(state, ORDERS, args),
    abandonedCheckouts: (_: unknown, args: ListArgs) => list(state, CHECKOUTS, args),
    node: (_: unknown, args: { id: string }) => findByGid(state, args.id) ?? null,
    nodes: (_: unknown, args: { ids: string[] }) => {
      if (args.ids.length > MAX_PAGE_SIZE) {
        throw new GraphQLError(`The ids argument accepts at most ${MAX_PAGE_SIZE} ids, ${args.ids.length} given.`, {
          extensions: { code: 'BAD_REQUEST' },
        });
      }
      return args.ids.map((id) => findByGid(state, id) ?? null);
    },
  };
}
