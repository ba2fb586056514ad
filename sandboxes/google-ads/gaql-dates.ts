/**
 * Date ranges in GAQL: `segments.date` filters (=, <, <=, >, >=, BETWEEN, DURING) resolved to one
 * finite range of days, in the account's time zone (the sandbox account runs on UTC).
 * DURING literals follow Google's definitions: `LAST_N_DAYS` ends yesterday, `THIS_MONTH` ends today.
 * @see https://developers.google.com/google-ads/api/docs/query/date-ranges
 */
import { GaqlError, type GaqlCondition } from './gaql.js';

export interface DateRange {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const toDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string => toDate(dayMs(date) + days * DAY_MS);
/** Days in the range, both ends included. */
export const rangeLength = (range: DateRange): number => Math.round((dayMs(range.to) - dayMs(range.from)) / DAY_MS) + 1;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && toDate(dayMs(value)) === value;
}

export function* daysOf(range: DateRange): Generator<string> {
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) yield day;
}

export const DURING_LITERALS = [
  'TODAY',
  'YESTERDAY',
  'LAST_7_DAYS',
  'LAST_14_DAYS',
  'LAST_30_DAYS',
  'LAST_BUSINESS_WEEK',
  'THIS_MONTH',
  'LAST_MONTH',
  'THIS_WEEK_SUN_TODAY',
  'THIS_WEEK_MON_TODAY',
  'LAST_WEEK_SUN_SAT',
  'LAST_WEEK_MON_SUN',
] as const;

export function duringRange(literal: string, today: string): DateRange {
  const weekday = new Date(dayMs(today)).getUTCDay(); // 0 = Sunday
  const monday = addDays(today, -((weekday + 6) % 7));
  const sunday = addDays(today, -weekday);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (literal) {
    case 'TODAY':
      return { from: today, to: today };
    case 'YESTERDAY':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'LAST_7_DAYS':
      return { from: addDays(today, -7), to: addDays(today, -1) };
    case 'LAST_14_DAYS':
      return { from: addDays(today, -14), to: addDays(today, -1) };
    case 'LAST_30_DAYS':
      return { from: addDays(today, -30), to: addDays(today, -1) };
    case 'LAST_BUSINESS_WEEK':
      return { from: addDays(monday, -7), to: addDays(monday, -3) };
    case 'THIS_MONTH':
      return { from: firstOfMonth, to: today };
    case 'LAST_MONTH': {
      const lastOfPrevious = addDays(firstOfMonth, -1);
      return { from: `${lastOfPrevious.slice(0, 8)}01`, to: lastOfPrevious };
    }
    case 'THIS_WEEK_SUN_TODAY':
      return { from: sunday, to: today };
    case 'THIS_WEEK_MON_TODAY':
      return { from: monday, to: today };
    case 'LAST_WEEK_SUN_SAT':
      return { from: addDays(sunday, -7), to: addDays(sunday, -1) };
    case 'LAST_WEEK_MON_SUN':
      return { from: addDays(monday, -7), to: addDays(monday, -1) };
    default:
      throw new GaqlError(`Error in query: ${literal} is not a date range literal.`, 'INVALID_VALUE_WITH_DURING_OPERATOR', literal);
  }
}

function dateValue(value: unknown, operator: string): string {
  if (isIsoDate(value)) return value;
  if (operator === 'BETWEEN') {
    throw new GaqlError("Error in query: BETWEEN needs dates as 'YYYY-MM-DD'.", 'INVALID_VALUE_WITH_BETWEEN_OPERATOR', String(value));
  }
  throw new GaqlError("Error in query: invalid date format, expected 'YYYY-MM-DD'.", 'INVALID_DATE_FORMAT', String(value));
}

/**
 * The range the `segments.date` conditions allow, or undefined when they leave either end open
 * (or there are none). Conditions are ANDed, so the range is their intersection.
 */
export function resolveDateRange(conditions: readonly GaqlCondition[], today: string): DateRange | undefined {
  let from: string | undefined;
  let to: string | undefined;
  const lower = (d: string) => (from = from === undefined || d > from ? d : from);
  const upper = (d: string) => (to = to === undefined || d < to ? d : to);
  for (const c of conditions) {
    if (c.field !== 'segments.date') continue;
    switch (c.operator) {
      case '=':
        lower(dateValue(c.value, c.operator));
        upper(dateValue(c.value, c.operator));
        break;
      case '>=':
        lower(dateValue(c.value, c.operator));
        break;
      case '>':
        lower(addDays(dateValue(c.value, c.operator), 1));
        break;
      case '<=':
        upper(dateValue(c.value, c.operator));
        break;
      case '<':
        upper(addDays(dateValue(c.value, c.operator), -1));
        break;
      case 'BETWEEN': {
        const [a, b] = c.value as [unknown, unknown];
        lower(dateValue(a, 'BETWEEN'));
        upper(dateValue(b, 'BETWEEN'));
        break;
      }
      case 'DURING': {
        const range = duringRange(String(c.value), today);
        lower(range.from);
        upper(range.to);
        break;
      }
      case 'IN': {
        const days = (c.value as unknown[]).map((v) => dateValue(v, 'IN')).sort();
        lower(days[0]!);
        upper(days.at(-1)!);
        break;
      }
      default:
        throw new GaqlError(`Error in query: ${c.operator} cannot filter segments.date.`, 'OPERATOR_FIELD_MISMATCH', c.operator);
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new GaqlError('Error in query: the date range starts after it ends.', 'DATE_RANGE_TOO_NARROW');
  }
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}
