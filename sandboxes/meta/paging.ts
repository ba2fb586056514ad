/**
 * Graph API cursor paging: `limit` and `after`, answered with `paging.cursors.{before,after}` and an
 * absolute `paging.next` URL (carrying every parameter of the request) that is absent on the last page.
 * @see https://developers.facebook.com/docs/graph-api/results
 */
import type { FastifyRequest } from 'fastify';
import { invalidParameter } from './errors.js';

export const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 5000;

export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

type PagingQuery = { limit?: string; after?: string };

/**
 * One page of `items`. With `keyOf`, a cursor names the last item seen (stable while items are
 * appended); without it, a cursor is a position.
 */
export function cursorPage<T>(request: FastifyRequest, items: readonly T[], keyOf?: (item: T) => string): Page<T> {
  const query = request.query as PagingQuery;
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('Param limit must be a positive integer');
  const size = Math.min(limit, MAX_LIMIT);
  const key = (item: T, index: number) => (keyOf ? keyOf(item) : `#${index}`);
  let start = 0;
  if (query.after) {
    const after = Buffer.from(query.after, 'base64url').toString();
    const at = items.findIndex((item, i) => key(item, i) === after);
    if (at < 0) throw invalidParameter('The after cursor is not valid for this edge');
    start = at + 1;
  }
  const data = items.slice(start, start + size);
  if (data.length === 0) return { data: [] };
  const cursor = (offset: number) => Buffer.from(key(items[offset]!, offset)).toString('base64url');
  const page: Page<T> = { data, paging: { cursors: { before: cursor(start), after: cursor(start + data.length - 1) } } };
  if (start + size < items.length) {
    const next = new URL(`${request.protocol}://${request.host}${request.url}`);
    next.searchParams.set('after', page.paging!.cursors.after);
    page.paging!.next = next.toString();
  }
  return page;
}
