/** Reporting windows as clients give them: inclusive `YYYY-MM-DD` dates, checked before Meta is called. */
import { GraphQLError } from 'graphql';
import type { DateWindow } from '../../connectors/meta-ads/insights-api.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Meta keeps insights for 37 months; a longer window cannot be answered. */
const MAX_DAYS = 37 * 31;
export const DEFAULT_EXPOSURE_DAYS = 28;

const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && toDate(Date.parse(`${value}T00:00:00Z`)) === value;

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** The window asked for, or the last `defaultDays` days ending yesterday. */
export function parseWindow(args: { since?: string | null; until?: string | null }, now: number, defaultDays = DEFAULT_EXPOSURE_DAYS): DateWindow {
  const yesterday = toDate(now - DAY_MS);
  const until = args.until ?? yesterday;
  const since = args.since ?? toDate(Date.parse(`${until}T00:00:00Z`) - (defaultDays - 1) * DAY_MS);
  if (!isDate(since) || !isDate(until)) throw badInput('since and until must be dates written YYYY-MM-DD');
  if (since > until) throw badInput('since must be on or before until');
  if ((Date.parse(until) - Date.parse(since)) / DAY_MS + 1 > MAX_DAYS) throw badInput(`a window may span at most ${MAX_DAYS} days`);
  return { since, until };
}
