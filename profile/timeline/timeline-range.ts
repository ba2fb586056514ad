/**
 * Turns a validated query into one contiguous range of positions plus the kinds of event wanted,
 * so that both adapters read exactly the slice a page needs (never the customer's whole history).
 */
import { ChannelSchema, EventTypeSchema, type Channel, type EventType } from '../../connectors/unified/event.js';
import { decodeCursor, timeBoundary, utcIso } from './timeline-position.js';
import { TimelineQueryError } from './timeline-query-error.js';
import type { TimelineFilter, TimelineOrder, TimelinePageQuery } from './timeline-store.js';

/** A bound on positions; `inclusive` false means strictly beyond `key`. */
export interface Bound {
  key: string;
  inclusive: boolean;
}

export interface PositionRange {
  lower: Bound | undefined;
  upper: Bound | undefined;
  channels: ReadonlySet<Channel> | undefined;
  types: ReadonlySet<EventType> | undefined;
}

export interface PageRange extends PositionRange {
  first: number;
  order: TimelineOrder;
}

/** The `{channel}:{type}` pair that names an event's index in the Redis adapter. */
export const kindOf = (e: { channel: string; type: string }): string => `${e.channel}:${e.type}`;

export function matchesKind(range: Pick<PositionRange, 'channels' | 'types'>, e: { channel: Channel; type: EventType }): boolean {
  return (!range.channels || range.channels.has(e.channel)) && (!range.types || range.types.has(e.type));
}

export function filterRange(filter: TimelineFilter = {}): PositionRange {
  const lower = filter.since ? { key: timeBoundary(parseTime('since', filter.since)), inclusive: true } : undefined;
  // Every position at `until` is `{until}|{id}`, above the bare `{until}|`: exclusive by construction.
  const upper = filter.until ? { key: timeBoundary(parseTime('until', filter.until)), inclusive: false } : undefined;
  if (lower && upper && lower.key >= upper.key) {
    throw new TimelineQueryError('until', 'until must be later than since.');
  }
  return {
    lower,
    upper,
    channels: nonEmptySet('channels', filter.channels, (c) => ChannelSchema.safeParse(c).success),
    types: nonEmptySet('types', filter.types, (t) => EventTypeSchema.safeParse(t).success),
  };
}

export function pageRange(query: TimelinePageQuery): PageRange {
  if (!Number.isInteger(query.first) || query.first < 0) {
    throw new TimelineQueryError('first', 'first must be a whole number, 0 or more.');
  }
  const order = query.order ?? 'NEWEST_FIRST';
  if (order !== 'NEWEST_FIRST' && order !== 'OLDEST_FIRST') throw new TimelineQueryError('order', `Unknown order ${String(order)}.`);
  const range = filterRange(query);
  if (query.after) {
    // Strictly past the cursor's event, in the direction of reading; keep the tighter bound.
    const past: Bound = { key: decodeCursor(query.after), inclusive: false };
    if (order === 'NEWEST_FIRST') range.upper = tighterUpper(range.upper, past);
    else range.lower = tighterLower(range.lower, past);
  }
  return { ...range, first: query.first, order };
}

/** Whether a position lies within both bounds. */
export function inRange(key: string, { lower, upper }: Pick<PositionRange, 'lower' | 'upper'>): boolean {
  if (lower && (lower.inclusive ? key < lower.key : key <= lower.key)) return false;
  if (upper && (upper.inclusive ? key > upper.key : key >= upper.key)) return false;
  return true;
}

const tighterUpper = (a: Bound | undefined, b: Bound): Bound => (!a || b.key < a.key || (b.key === a.key && !b.inclusive) ? b : a);
const tighterLower = (a: Bound | undefined, b: Bound): Bound => (!a || b.key > a.key || (b.key === a.key && !b.inclusive) ? b : a);

function parseTime(argument: string, value: string): string {
  try {
    return utcIso(value);
  } catch {
    throw new TimelineQueryError(argument, `${argument} is not a date-time.`);
  }
}

function nonEmptySet<T extends string>(argument: string, values: readonly T[] | null | undefined, valid: (v: string) => boolean): ReadonlySet<T> | undefined {
  if (!values || values.length === 0) return undefined;
  const bad = values.find((v) => !valid(v));
  if (bad !== undefined) throw new TimelineQueryError(argument, `Unknown ${argument} value ${bad}.`);
  return new Set(values);
}
