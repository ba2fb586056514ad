/**
 * Relay connections as Shopify serves them: `first`/`after` or `last`/`before`, at most 250 per
 * page, opaque cursors that encode the sort key of the last record (so they stay valid while
 * records are added), `pageInfo` with both directions.
 * @see https://shopify.dev/docs/api/usage/pagination-graphql
 */
import { GraphQLError } from 'graphql';

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });

/** Checks `first`/`last` the way Shopify does before any work is done. */
export function checkPageArguments(field: string, args: ConnectionArgs): void {
  if (args.first == null && args.last == null) throw badRequest('you must provide one of first or last');
  if (args.first != null && args.last != null) throw badRequest('providing both first and last is not supported');
  for (const [name, size] of [['first', args.first], ['last', args.last]] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw badRequest(`Argument '${name}' on Field '${field}' has an invalid value (${size}). Expected a page size from 0 to ${MAX_PAGE_SIZE}.`);
    }
  }
}

/**
 * One page of `sorted` (ascending by `key`, unique keys). `reverse` flips the order; `after` and
 * `before` cut at the keys their cursors carry.
 */
export function paginate<T>(field: string, sorted: readonly { item: T; key: string }[], args: ConnectionArgs): Connection<T> {
  checkPageArguments(field, args);
  const ordered = args.reverse ? [...sorted].reverse() : sorted;
  const beyond = (key: string, cursorKey: string) => (args.reverse ? key < cursorKey : key > cursorKey);
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const afterKey = decodeCursor(args.after);
    const index = ordered.findIndex((entry) => beyond(entry.key, afterKey));
    start = index < 0 ? ordered.length : index;
  }
  if (args.before) {
    const beforeKey = decodeCursor(args.before);
    const index = ordered.findIndex((entry) => !beyond(beforeKey, entry.key));
    end = Math.max(start, index < 0 ? ordered.length : index);
  }
  if (args.first != null) end = Math.min(end, start + args.first);
  else if (args.last != null) start = Math.max(start, end - args.last);
  const page = ordered.slice(start, end);
  const edges = page.map((entry) => ({ cursor: encodeCursor(entry.key), node: entry.item }));
  return {
    edges,
    nodes: page.map((entry) => entry.item),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ last_key: key })).toString('base64');

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_key?: unknown };
    if (typeof parsed.last_key === 'string') return parsed.last_key;
  } catch {
    // fall through to the error Shopify gives for a cursor it did not issue
  }
  throw badRequest('Invalid cursor for current pagination sort.');
}

/** A sort key that orders by `value` and breaks ties by the record id, padded so text order is numeric order. */
export const sortKey = (value: string, legacyId: string) => `${value}|${legacyId.padStart(20, '0')}`;
