import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { decodeCursor, encodeCursor, pageSize } from '../cursor.js';
import { parseCustomerFilter } from '../parse-customer-filter.js';

/** Customers in id order; the cursor is the last id, so pages stay stable while customers arrive. */
export const customers: QueryResolvers['customers'] = async (_parent, args, { stores }) => {
  const first = pageSize(args.first);
  const after = args.after ? decodeCursor('customer', args.after) : undefined;
  const filter = parseCustomerFilter(args.filter);
  const [page, totalCount] = await Promise.all([
    stores.identities.listCustomers(first, after, filter),
    stores.identities.countCustomers(filter),
  ]);
  const last = page.customers.at(-1);
  return {
    edges: page.customers.map((node) => ({ cursor: encodeCursor('customer', node.id), node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor('customer', last.id) : null },
    totalCount,
  };
};
