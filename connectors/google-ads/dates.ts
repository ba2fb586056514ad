/** Calendar days (`YYYY-MM-DD`) in the account's time zone, as GAQL's `segments.date` counts them. */
const DAY_MS = 86_400_000;

export interface DateWindow {
  /** First day, inclusive. */
  since: string;
  /** Last day, inclusive. */
  until: string;
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number): string => toDay(dayStartMs(day) + days * DAY_MS);
export const windowDays = (w: DateWindow): number => Math.round((dayStartMs(w.until) - dayStartMs(w.since)) / DAY_MS) + 1;

export function isDay(value: string): boolean {
  return DATE.test(value) && toDay(dayStartMs(value)) === value;
}

export function* daysOf(w: DateWindow): Generator<string> {
  for (let day = w.since; day <= w.until; day = addDays(day, 1)) yield day;
}

/** The last `days` days ending today (inclusive). */
export const lastDays = (days: number, today: string): DateWindow => ({ since: addDays(today, -(days - 1)), until: today });
