import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const MAX_PAGE = 100;

export const customers: QueryResolvers['customers'] = async (_parent, args, { stores }) => {
  const first = args.first ?? 20;
  if (first < 0 || first > MAX_PAGE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  }
  const after = args.after ? decodeCursor(args.after) : undefined;
  const [page, totalCount] = await Promise.all([
    stores.identities.listCustomers(first, after),
    stores.identities.countCustomers(),
  ]);
  return {
    edges: page.customers.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: { hasNextPage: page.endCursor !== undefined, endCursor: page.customers.length ? encodeCursor(page.customers.at(-1)!.id) : null },
    totalCount,
  };
};

const encodeCursor = (id: string) => Buffer.from(`customer:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('customer:')) {
    throw new GraphQLError('The after cursor is not one this API issued.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  }
  return decoded.slice('customer:'.length);
}
