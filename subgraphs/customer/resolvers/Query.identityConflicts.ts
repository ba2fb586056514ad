import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { decodeCursor, encodeCursor, pageSize } from '../cursor.js';

/** Refused merges, newest first; the cursor is the store's (time, id) position. */
export const identityConflicts: QueryResolvers['identityConflicts'] = async (_parent, args, { stores }) => {
  const first = pageSize(args.first);
  const after = args.after ? decodeCursor('conflict', args.after) : undefined;
  const [page, totalCount] = await Promise.all([stores.identities.listConflicts(first, after), stores.identities.countConflicts()]);
  const position = (c: { at: string; id: string }) => `${c.at}|${c.id}`;
  const last = page.conflicts.at(-1);
  return {
    edges: page.conflicts.map((node) => ({ cursor: encodeCursor('conflict', position(node)), node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor('conflict', position(last)) : null },
    totalCount,
  };
};
