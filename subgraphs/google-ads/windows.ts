/** Date windows from GraphQL arguments, checked: a bad one is BAD_USER_INPUT and costs no vendor call. */
import { GraphQLError } from 'graphql';
import { addDays, isDay, type DateWindow } from '../../connectors/google-ads/dates.js';
import { CLICK_LOOKBACK_DAYS } from '../../connectors/google-ads/reads.js';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export function parseWindow(since: string | null | undefined, until: string | null | undefined, fallback: DateWindow): DateWindow {
  const window = { since: since ?? fallback.since, until: until ?? fallback.until };
  for (const [name, value] of Object.entries(window)) {
    if (!isDay(value)) throw badInput(`${name} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  if (window.since > window.until) throw badInput(`since (${window.since}) is after until (${window.until})`);
  return window;
}

/** Google's LAST_30_DAYS: the 30 complete days before today. */
export const last30CompleteDays = (today: string): DateWindow => ({ since: addDays(today, -30), until: addDays(today, -1) });

/** The last `days` days, today included, within click_view's 90 days. */
export function clickWindow(days: number | null | undefined, today: string): DateWindow {
  const n = days ?? 7;
  if (!Number.isInteger(n) || n < 1 || n > CLICK_LOOKBACK_DAYS) throw badInput(`days must be between 1 and ${CLICK_LOOKBACK_DAYS}, got ${n}`);
  return { since: addDays(today, -(n - 1)), until: today };
}
