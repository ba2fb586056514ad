/**
 * The reporting window of an insights request: `time_range={"since","until"}` or a `date_preset`
 * relative to today in the ad account's time zone (UTC here). Meta's `last_Nd` presets end
 * yesterday; the default is `last_30d`; ranges may not start more than 37 months back.
 * @see https://developers.facebook.com/docs/marketing-api/insights/parameters
 */
import { GraphRequestError, invalidParameter } from './errors.js';

export interface DateRange {
  /** Inclusive UTC dates, `YYYY-MM-DD`. */
  since: string;
  until: string;
}

export const DATE_PRESETS = [
  'today', 'yesterday', 'this_month', 'last_month', 'this_quarter', 'maximum', 'data_maximum', 'last_3d', 'last_7d',
  'last_14d', 'last_28d', 'last_30d', 'last_90d', 'last_week_mon_sun', 'last_week_sun_sat', 'last_quarter', 'last_year',
  'this_week_mon_today', 'this_week_sun_today', 'this_year',
] as const;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const toDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string => toDate(dateMs(date) + days * DAY_MS);

function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && Number.isFinite(dateMs(value)) && toDate(dateMs(value)) === value;
}

export function presetRange(preset: string, today: string): DateRange {
  const t = new Date(dateMs(today));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = (year: number, month: number, day: number) => toDate(Date.UTC(year, month, day));
  const quarter = Math.floor(m / 3) * 3;
  const mondayOffset = (t.getUTCDay() + 6) % 7;
  const lastDays = (n: number) => ({ since: addDays(today, -n), until: addDays(today, -1) });
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: addDays(today, -1), until: addDays(today, -1) };
    case 'this_month':
      return { since: d(y, m, 1), until: today };
    case 'last_month':
      return { since: d(y, m - 1, 1), until: d(y, m, 0) };
    case 'this_quarter':
      return { since: d(y, quarter, 1), until: today };
    case 'last_quarter':
      return { since: d(y, quarter - 3, 1), until: d(y, quarter, 0) };
    case 'this_year':
      return { since: d(y, 0, 1), until: today };
    case 'last_year':
      return { since: d(y - 1, 0, 1), until: d(y - 1, 11, 31) };
    case 'maximum':
    case 'data_maximum':
      return { since: d(y, m - 37, t.getUTCDate() + 1), until: today };
    case 'last_3d':
      return lastDays(3);
    case 'last_7d':
      return lastDays(7);
    case 'last_14d':
      return lastDays(14);
    case 'last_28d':
      return lastDays(28);
    case 'last_30d':
      return lastDays(30);
    case 'last_90d':
      return lastDays(90);
    case 'last_week_mon_sun':
      return { since: addDays(today, -mondayOffset - 7), until: addDays(today, -mondayOffset - 1) };
    case 'last_week_sun_sat':
      return { since: addDays(today, -t.getUTCDay() - 7), until: addDays(today, -t.getUTCDay() - 1) };
    case 'this_week_mon_today':
      return { since: addDays(today, -mondayOffset), until: today };
    case 'this_week_sun_today':
      return { since: addDays(today, -t.getUTCDay()), until: today };
    default:
      throw invalidParameter(`date_preset must be one of the following values: ${DATE_PRESETS.join(', ')}`);
  }
}

export function parseDateRange(query: { date_preset?: string; time_range?: string }, today: string): DateRange {
  let range: DateRange;
  if (query.time_range !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.time_range);
    } catch {
      throw invalidParameter('Param time_range must be a JSON object with since and until');
    }
    const { since, until } = (parsed ?? {}) as { since?: unknown; until?: unknown };
    if (!isDate(since) || !isDate(until)) throw invalidParameter('Param time_range[since] and time_range[until] must be dates formatted YYYY-MM-DD');
    if (since > until) throw invalidParameter('Param time_range[since] must be on or before time_range[until]');
    range = { since, until };
  } else {
    range = presetRange(query.date_preset ?? 'last_30d', today);
  }
  const earliest = presetRange('maximum', today).since;
  if (range.since < earliest) {
    throw new GraphRequestError(3018, '(#3018) The start date of the time range cannot be beyond 37 months from the current date', {
      type: 'OAuthException',
    });
  }
  return range;
}
