/**
 * The embedded-mode timeline. Per customer: positions in ascending order (binary-searched for a
 * page's bounds) and the events by id. Single-threaded JS makes each method atomic. Channel and
 * type filters scan within the page's time range; fine for embedded volumes, the Redis adapter
 * indexes them.
 */
import type { UnifiedEvent } from '../../connectors/unified/event.js';
import { prepareEvents, retentionBound, type PreparedEvent } from './timeline-event.js';
import { encodeCursor, idOfPosition } from './timeline-position.js';
import { filterRange, inRange, matchesKind, pageRange, type Bound, type PositionRange } from './timeline-range.js';
import {
  DEFAULT_MAX_EVENTS_PER_CUSTOMER,
  type TimelineEvent,
  type TimelineFilter,
  type TimelinePage,
  type TimelinePageQuery,
  type TimelineStore,
  type TimelineStoreOptions,
} from './timeline-store.js';

/** Above this many new events in one append, push-then-sort beats one binary insert each. */
const SORT_THRESHOLD = 32;

interface CustomerTimeline {
  /** Ascending; string order is time order (timeline-position.ts). */
  positions: string[];
  byId: Map<string, TimelineEvent>;
}

export class MemoryTimelineStore implements TimelineStore {
  private readonly timelines = new Map<string, CustomerTimeline>();
  private readonly max: number;

  constructor(options: TimelineStoreOptions = {}) {
    this.max = retentionBound(options.maxEventsPerCustomer, DEFAULT_MAX_EVENTS_PER_CUSTOMER);
  }

  async appendEvents(customerId: string, events: readonly UnifiedEvent[]): Promise<number> {
    return this.insert(customerId, prepareEvents(events));
  }

  async page(customerId: string, query: TimelinePageQuery): Promise<TimelinePage> {
    const range = pageRange(query);
    const timeline = this.timelines.get(customerId);
    if (!timeline) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const wanted = range.first + 1; // one more than asked tells whether a next page exists
    const found: string[] = [];
    const [from, to] = indexRange(timeline.positions, range);
    const newestFirst = range.order === 'NEWEST_FIRST';
    for (let i = newestFirst ? to - 1 : from; newestFirst ? i >= from : i < to; i += newestFirst ? -1 : 1) {
      const position = timeline.positions[i]!;
      if (matchesKind(range, timeline.byId.get(idOfPosition(position))!)) found.push(position);
      if (found.length === wanted) break;
    }
    const edges = found.slice(0, range.first).map((position) => ({
      cursor: encodeCursor(position),
      node: timeline.byId.get(idOfPosition(position))!,
    }));
    return { edges, pageInfo: { hasNextPage: found.length > range.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async count(customerId: string, filter?: TimelineFilter): Promise<number> {
    const range = filterRange(filter);
    const timeline = this.timelines.get(customerId);
    if (!timeline) return 0;
    const [from, to] = indexRange(timeline.positions, range);
    if (!range.channels && !range.types) return to - from;
    let n = 0;
    for (let i = from; i < to; i++) if (matchesKind(range, timeline.byId.get(idOfPosition(timeline.positions[i]!))!)) n++;
    return n;
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const absorbed = this.timelines.get(absorbedId);
    if (!absorbed) return;
    this.timelines.delete(absorbedId);
    this.insert(
      survivorId,
      absorbed.positions.map((position) => ({ position, event: absorbed.byId.get(idOfPosition(position))! })),
    );
  }

  async erase(customerId: string): Promise<void> {
    this.timelines.delete(customerId);
  }

  /** Adds what is new, then keeps the newest `max`; returns how many new events were kept. */
  private insert(customerId: string, prepared: readonly PreparedEvent[]): number {
    let timeline = this.timelines.get(customerId);
    const fresh = prepared.filter((p) => !timeline?.byId.has(p.event.id));
    if (fresh.length === 0) return 0;
    if (!timeline) {
      timeline = { positions: [], byId: new Map() };
      this.timelines.set(customerId, timeline);
    }
    for (const { position, event } of fresh) {
      // A few arrivals (the webhook case) go in by binary search; a bulk batch is sorted once.
      if (fresh.length <= SORT_THRESHOLD) timeline.positions.splice(firstIndex(timeline.positions, (p) => p > position), 0, position);
      else timeline.positions.push(position);
      timeline.byId.set(event.id, event);
    }
    if (fresh.length > SORT_THRESHOLD) timeline.positions.sort();
    const evicted = timeline.positions.splice(0, Math.max(0, timeline.positions.length - this.max));
    for (const position of evicted) timeline.byId.delete(idOfPosition(position));
    const evictedIds = new Set(evicted.map(idOfPosition));
    return fresh.filter((p) => !evictedIds.has(p.event.id)).length;
  }
}

/** [from, to) indexes of the positions within the range's bounds, by binary search. */
function indexRange(positions: readonly string[], range: Pick<PositionRange, 'lower' | 'upper'>): [number, number] {
  const from = range.lower ? firstIndex(positions, (p) => inRange(p, { lower: range.lower, upper: undefined })) : 0;
  const to = range.upper ? firstIndex(positions, (p) => !inRange(p, { lower: undefined, upper: range.upper as Bound })) : positions.length;
  return [from, Math.max(from, to)];
}

/** The first index where a monotone predicate (false…false true…true) turns true. */
function firstIndex(positions: readonly string[], predicate: (p: string) => boolean): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (predicate(positions[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
