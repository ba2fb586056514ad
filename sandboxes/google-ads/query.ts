/**
 * Runs a GAQL query against the sandbox account: validates fields against the FROM resource,
 * applies Google's date rules (a finite range when `segments.date` is selected; click_view one
 * day at a time within 90 days; reach metrics over at most 92 days), then filters, orders and limits.
 * @see https://developers.google.com/google-ads/api/docs/query/structure
 * @see https://developers.google.com/google-ads/api/fields/v26/click_view
 */
import { entry, invalidArgument } from './errors.js';
import { addDays, duringRange, rangeLength, resolveDateRange } from './gaql-dates.js';
import { GaqlError, parseGaql, type GaqlCondition, type GaqlLiteral, type GaqlQuery } from './gaql.js';
import { CLICK_VIEW_LOOKBACK_DAYS, FIELD_TYPES, REACH_MAX_DAYS, REACH_METRICS, RESOURCE_SCHEMAS, resourceOf } from './fields.js';
import { ROW_PROVIDERS, type GaqlRow, type RowValue } from './rows.js';
import type { GoogleAdsState } from './state.js';

export interface QueryResult {
  query: GaqlQuery;
  rows: GaqlRow[];
}

/** Parses and runs a query; a mistake becomes the INVALID_ARGUMENT failure Google returns. */
export function runQuery(state: GoogleAdsState, text: string, today: string): QueryResult {
  try {
    return execute(state, parseGaql(text), today);
  } catch (error) {
    if (error instanceof GaqlError) throw invalidArgument(entry('queryError', error.queryError, error.message, undefined, error.trigger));
    throw error;
  }
}

function execute(state: GoogleAdsState, query: GaqlQuery, today: string): QueryResult {
  const schema = RESOURCE_SCHEMAS[query.resource];
  if (!schema) throw new GaqlError(`Error in query: invalid resource ${query.resource} in FROM.`, 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', query.resource);
  const check = (field: string, clause: 'SELECT' | 'WHERE' | 'ORDER BY') => {
    if (!(field in FIELD_TYPES)) throw new GaqlError(`Error in query: unrecognized field ${field}.`, 'UNRECOGNIZED_FIELD', field);
    const resource = resourceOf(field);
    if (resource === 'metrics' && !schema.metrics.includes(field)) {
      throw new GaqlError(`Error in query: ${field} cannot be used with ${query.resource}.`, 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE', field);
    }
    if (resource === 'segments' && !schema.segments.includes(field)) {
      throw new GaqlError(`Error in query: ${field} cannot be used with ${query.resource}.`, 'PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE', field);
    }
    if (resource !== 'metrics' && resource !== 'segments' && !schema.resources.includes(resource)) {
      const code = clause === 'WHERE' ? 'PROHIBITED_RESOURCE_TYPE_IN_WHERE_CLAUSE' : 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE';
      throw new GaqlError(`Error in query: ${field} cannot be used with ${query.resource}.`, code, field);
    }
  };
  query.fields.forEach((f) => check(f, 'SELECT'));
  query.where.forEach((c) => check(c.field, 'WHERE'));
  query.orderBy.forEach((o) => check(o.field, 'ORDER BY'));

  const range = resolveDateRange(query.where, today);
  const used = [...query.fields, ...query.where.map((c) => c.field)];
  const segmentedByDate = query.fields.includes('segments.date');
  if (segmentedByDate && !range) {
    throw new GaqlError('Error in query: selecting segments.date requires a finite date range in WHERE.', 'EXPECTED_FILTERS_ON_DATE_RANGE');
  }
  if (query.resource === 'click_view') {
    if (!range) throw new GaqlError('Error in query: click_view requires a filter on segments.date limiting it to one day.', 'EXPECTED_FILTERS_ON_DATE_RANGE');
    if (rangeLength(range) > 1) {
      throw new GaqlError('Error in query: click_view can only be queried for a single day.', 'DATE_RANGE_TOO_WIDE');
    }
    if (range.from < addDays(today, -CLICK_VIEW_LOOKBACK_DAYS)) {
      throw new GaqlError(`Error in query: click_view is available for the last ${CLICK_VIEW_LOOKBACK_DAYS} days only.`, 'DATE_RANGE_TOO_WIDE', range.from);
    }
  }
  const reachField = used.find((f) => REACH_METRICS.has(f));
  if (reachField) {
    if (!range) throw new GaqlError(`Error in query: ${reachField} requires a finite date range.`, 'EXPECTED_FILTERS_ON_DATE_RANGE', reachField);
    if (rangeLength(range) > REACH_MAX_DAYS) {
      throw new GaqlError(`Error in query: ${reachField} is available for date ranges of ${REACH_MAX_DAYS} days or less.`, 'DATE_RANGE_TOO_WIDE', reachField);
    }
  }

  const withMetrics = used.some((f) => resourceOf(f) === 'metrics');
  let rows = ROW_PROVIDERS[query.resource]!({ state, today, range, segmentedByDate, withMetrics, gclids: gclidsAsked(query.where) });
  if (withMetrics && query.resource === 'campaign') {
    // Google leaves out rows whose metrics are all zero (a campaign that did not serve).
    rows = rows.filter((r) => Number(r['metrics.impressions'] ?? 0) > 0 || Number(r['metrics.clicks'] ?? 0) > 0);
  }
  rows = rows.filter((row) => query.where.every((c) => matches(row, c, today)));
  for (const order of [...query.orderBy].reverse()) {
    const sign = order.direction === 'DESC' ? -1 : 1;
    rows = [...rows].sort((a, b) => sign * compare(order.field, a[order.field], b[order.field]));
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  return { query, rows };
}

/** The gclids a `click_view.gclid = '…'` or `IN (…)` condition allows (conditions are ANDed), if any. */
function gclidsAsked(where: readonly GaqlCondition[]): ReadonlySet<string> | undefined {
  const condition = where.find((c) => c.field === 'click_view.gclid' && (c.operator === '=' || c.operator === 'IN'));
  if (!condition) return undefined;
  const values = condition.operator === 'IN' ? (condition.value as GaqlLiteral[]) : [condition.value as GaqlLiteral];
  return new Set(values.map(String));
}

function compare(field: string, a: RowValue | GaqlLiteral | undefined, b: RowValue | GaqlLiteral | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const type = FIELD_TYPES[field];
  if (type === 'int64' || type === 'int32' || type === 'double') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function matches(row: GaqlRow, condition: GaqlCondition, today: string): boolean {
  const { field, operator, value } = condition;
  const actual = row[field];
  // Date filters on unsegmented metric rows chose the range the metrics cover; nothing to filter.
  if (field === 'segments.date' && actual === undefined) return true;
  const eq = (v: GaqlLiteral) => actual !== undefined && compare(field, actual, v) === 0;
  switch (operator) {
    case '=':
      return eq(value as GaqlLiteral);
    case '!=':
      return !eq(value as GaqlLiteral);
    case '>':
      return actual !== undefined && compare(field, actual, value as GaqlLiteral) > 0;
    case '>=':
      return actual !== undefined && compare(field, actual, value as GaqlLiteral) >= 0;
    case '<':
      return actual !== undefined && compare(field, actual, value as GaqlLiteral) < 0;
    case '<=':
      return actual !== undefined && compare(field, actual, value as GaqlLiteral) <= 0;
    case 'IN':
      return (value as GaqlLiteral[]).some(eq);
    case 'NOT IN':
      return !(value as GaqlLiteral[]).some(eq);
    case 'BETWEEN': {
      const [low, high] = value as [GaqlLiteral, GaqlLiteral];
      return actual !== undefined && compare(field, actual, low) >= 0 && compare(field, actual, high) <= 0;
    }
    case 'DURING': {
      const range = duringRange(String(value), today);
      return actual !== undefined && String(actual) >= range.from && String(actual) <= range.to;
    }
    case 'LIKE':
      return actual !== undefined && likePattern(String(value)).test(String(actual));
    case 'NOT LIKE':
      return actual === undefined || !likePattern(String(value)).test(String(actual));
    case 'IS NULL':
      return actual === undefined;
    case 'IS NOT NULL':
      return actual !== undefined;
  }
}
