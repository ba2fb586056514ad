/**
 * GAQL text the connector sends. Values are always quoted literals, so nothing a vendor or a
 * person typed can change a query's shape.
 * @see https://developers.google.com/google-ads/api/docs/query/grammar
 */
import { isDay, type DateWindow } from './dates.js';

/** A GAQL string literal. */
export const literal = (value: string): string => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export const list = (values: readonly string[]): string => `(${values.map(literal).join(', ')})`;

/** Numeric ids only: ids are int64 and go unquoted. */
export function idList(ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new TypeError(`not a Google Ads id: ${id}`);
  return `(${ids.join(', ')})`;
}

export function dateFilter(window: DateWindow): string {
  if (!isDay(window.since) || !isDay(window.until)) throw new TypeError(`not a date window: ${window.since}..${window.until}`);
  return window.since === window.until ? `segments.date = '${window.since}'` : `segments.date BETWEEN '${window.since}' AND '${window.until}'`;
}
