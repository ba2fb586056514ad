/**
 * Klaviyo's cursor paging: `page[size]` within an endpoint's bounds, an opaque `page[cursor]`,
 * and `links.next` as an absolute URL carrying every parameter of the request. Cursors are
 * keyset positions (the last row's sort key and id), so rows that move during a read are never
 * skipped twice over and a cursor stays valid while data changes.
 * @see https://developers.klaviyo.com/en/docs/api_overview#pagination
 */
export type SortKey = (string | number)[];

export class PagingError extends Error {
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

export function pageSize(raw: string | undefined, bounds: { default: number; max: number }): number {
  if (raw === undefined) return bounds.default;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > bounds.max) {
    throw new PagingError(`page[size] must be an integer between 1 and ${bounds.max}`, 'page[size]');
  }
  return size;
}

const compareKeys = (a: SortKey, b: SortKey, descending: boolean): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const order = x < y ? -1 : 1;
    // The sort direction applies to the primary key; ties break on id ascending.
    return i === 0 && descending ? -order : order;
  }
  return 0;
};

export function sortRows<T>(rows: T[], keyOf: (row: T) => SortKey, descending: boolean): T[] {
  return rows.sort((a, b) => compareKeys(keyOf(a), keyOf(b), descending));
}

/** One page of rows already sorted by `keyOf` in `descending` order, after the cursor position. */
export function keysetPage<T>(
  sorted: readonly T[],
  keyOf: (row: T) => SortKey,
  descending: boolean,
  cursor: string | undefined,
  size: number,
): { rows: T[]; next: string | undefined } {
  let start = 0;
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    start = firstAfter(sorted, keyOf, descending, after);
  }
  const rows = sorted.slice(start, start + size);
  const last = rows[rows.length - 1];
  const next = last !== undefined && start + size < sorted.length ? encodeCursor(keyOf(last)) : undefined;
  return { rows, next };
}

/**
 * The index of the first row ordered after `after`. The rows are sorted by this very order, so a
 * binary search finds it when the cursor's key has the rows' types; a cursor made for another sort
 * (a string where a number is) is not ordered against them, and a linear scan answers as before.
 */
function firstAfter<T>(sorted: readonly T[], keyOf: (row: T) => SortKey, descending: boolean, after: SortKey): number {
  const sample = sorted[0] === undefined ? undefined : keyOf(sorted[0]);
  const comparable = sample !== undefined && sample.length === after.length && sample.every((k, i) => typeof k === typeof after[i]);
  if (!comparable) {
    const index = sorted.findIndex((row) => compareKeys(keyOf(row), after, descending) > 0);
    return index < 0 ? sorted.length : index;
  }
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keyOf(sorted[mid]!), after, descending) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // falls through to the error below
  }
  throw new PagingError('Invalid page cursor.', 'page[cursor]');
}

/** `links` for a collection: `self` is the request URL, `next` the same URL at the next cursor. */
export function collectionLinks(selfUrl: string, next: string | undefined) {
  let nextUrl: string | null = null;
  if (next !== undefined) {
    const url = new URL(selfUrl);
    url.searchParams.set('page[cursor]', next);
    nextUrl = url.toString();
  }
  return { self: selfUrl, next: nextUrl, prev: null };
}
