/**
 * Redis layout (every key under the configured prefix; `{id}` is a cluster hash tag, so one
 * customer's keys share a slot):
 *   tl:{customerId}:all                 zset  every position, all at score 0
 *   tl:{customerId}:by:{channel}:{type} zset  the positions of that kind only
 *   tl:{customerId}:kinds               set   the `{channel}:{type}` kinds present
 *   tl:{customerId}:events              hash  event id → event JSON (no identifiers)
 * A position is `{UTC ISO occurredAt}|{event id}` (timeline-position.ts). Equal scores make Redis
 * order members by bytes, which is time order with the id breaking ties, so a page is one
 * ZRANGEBYLEX / ZREVRANGEBYLEX with LIMIT from the cursor: O(log n + page), never a scan.
 * A channel/type filter reads the matching per-kind indexes the same way (at most first+1 from
 * each, merged here), so filtering costs O(k·(log n + page)) for k matching kinds, not a scan.
 */
import type { Redis } from 'ioredis';
import type { Channel, EventType, UnifiedEvent } from '../../connectors/unified/event.js';
import { prepareEvents, retentionBound } from './timeline-event.js';
import { encodeCursor, idOfPosition } from './timeline-position.js';
import { filterRange, kindOf, matchesKind, pageRange, type Bound, type PositionRange } from './timeline-range.js';
import { APPEND_SCRIPT, ERASE_SCRIPT, MERGE_CHUNK_SCRIPT } from './redis-timeline-scripts.js';
import {
  DEFAULT_MAX_EVENTS_PER_CUSTOMER,
  type TimelineEvent,
  type TimelineFilter,
  type TimelinePage,
  type TimelinePageQuery,
  type TimelineStore,
  type TimelineStoreOptions,
} from './timeline-store.js';

/** Events per append script call: bounds how long one call holds Redis. */
const APPEND_CHUNK = 500;
/** Events moved per merge script call, for the same reason. */
const MERGE_CHUNK = 500;

type ScriptCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

interface CustomerKeys {
  all: string;
  kinds: string;
  events: string;
  byPrefix: string;
}

export class RedisTimelineStore implements TimelineStore {
  private readonly max: number;
  private readonly appendCommand: ScriptCommand;
  private readonly mergeCommand: ScriptCommand;
  private readonly eraseCommand: ScriptCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: TimelineStoreOptions = {},
  ) {
    this.max = retentionBound(options.maxEventsPerCustomer, DEFAULT_MAX_EVENTS_PER_CUSTOMER);
    // defineCommand sends EVALSHA and falls back to EVAL once per connection.
    if (!('hubTimelineAppend' in redis)) redis.defineCommand('hubTimelineAppend', { lua: APPEND_SCRIPT });
    if (!('hubTimelineMerge' in redis)) redis.defineCommand('hubTimelineMerge', { lua: MERGE_CHUNK_SCRIPT });
    if (!('hubTimelineErase' in redis)) redis.defineCommand('hubTimelineErase', { lua: ERASE_SCRIPT });
    const commands = redis as unknown as Record<'hubTimelineAppend' | 'hubTimelineMerge' | 'hubTimelineErase', ScriptCommand>;
    this.appendCommand = commands.hubTimelineAppend.bind(redis);
    this.mergeCommand = commands.hubTimelineMerge.bind(redis);
    this.eraseCommand = commands.hubTimelineErase.bind(redis);
  }

  async appendEvents(customerId: string, events: readonly UnifiedEvent[]): Promise<number> {
    const prepared = prepareEvents(events);
    const k = this.keys(customerId);
    let kept = 0;
    for (let i = 0; i < prepared.length; i += APPEND_CHUNK) {
      const args = prepared
        .slice(i, i + APPEND_CHUNK)
        .flatMap(({ position, event }) => [event.id, position, kindOf(event), JSON.stringify(event)]);
      kept += await this.appendCommand(3, k.all, k.kinds, k.events, k.byPrefix, this.max, ...args);
    }
    return kept;
  }

  async page(customerId: string, query: TimelinePageQuery): Promise<TimelinePage> {
    const range = pageRange(query);
    const k = this.keys(customerId);
    const indexes = await this.indexesFor(k, range);
    const wanted = range.first + 1; // one more than asked tells whether a next page exists
    const newestFirst = range.order === 'NEWEST_FIRST';
    const [min, max] = [lowerArg(range.lower), upperArg(range.upper)];
    const pipeline = this.redis.pipeline();
    for (const key of indexes) {
      if (newestFirst) pipeline.zrevrangebylex(key, max, min, 'LIMIT', 0, wanted);
      else pipeline.zrangebylex(key, min, max, 'LIMIT', 0, wanted);
    }
    const read = indexes.length ? ((await pipeline.exec()) ?? []) : [];
    const positions = read.flatMap(([error, members]) => {
      if (error) throw error;
      return members as string[];
    });
    // Several indexes: merge their slices; each holds a kind, so no position appears twice.
    if (indexes.length > 1) positions.sort();
    if (indexes.length > 1 && newestFirst) positions.reverse();
    const found = positions.slice(0, wanted);
    const onPage = found.slice(0, range.first);
    const bodies = onPage.length ? await this.redis.hmget(k.events, ...onPage.map(idOfPosition)) : [];
    // A body can vanish between the two reads (evicted, merged away); its edge is skipped.
    const edges = onPage.flatMap((position, i) =>
      bodies[i] ? [{ cursor: encodeCursor(position), node: JSON.parse(bodies[i]) as TimelineEvent }] : [],
    );
    return { edges, pageInfo: { hasNextPage: found.length > range.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async count(customerId: string, filter?: TimelineFilter): Promise<number> {
    const range = filterRange(filter);
    const k = this.keys(customerId);
    const indexes = await this.indexesFor(k, range);
    const pipeline = this.redis.pipeline();
    for (const key of indexes) pipeline.zlexcount(key, lowerArg(range.lower), upperArg(range.upper));
    const counts = indexes.length ? ((await pipeline.exec()) ?? []) : [];
    return counts.reduce((sum, [error, n]) => {
      if (error) throw error;
      return sum + (n as number);
    }, 0);
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const a = this.keys(absorbedId);
    const s = this.keys(survivorId);
    let remaining: number;
    do {
      remaining = await this.mergeCommand(6, a.all, a.kinds, a.events, s.all, s.kinds, s.events, a.byPrefix, s.byPrefix, this.max, MERGE_CHUNK);
    } while (remaining > 0);
  }

  async erase(customerId: string): Promise<void> {
    const k = this.keys(customerId);
    await this.eraseCommand(3, k.all, k.kinds, k.events, k.byPrefix);
  }

  /** The one index holding everything, or the per-kind indexes a channel/type filter selects. */
  private async indexesFor(k: CustomerKeys, range: PositionRange): Promise<string[]> {
    if (!range.channels && !range.types) return [k.all];
    const kinds = await this.redis.smembers(k.kinds);
    return kinds
      .filter((kind) => {
        const [channel, type] = kind.split(':') as [Channel, EventType];
        return matchesKind(range, { channel, type });
      })
      .map((kind) => k.byPrefix + kind);
  }

  private keys(customerId: string): CustomerKeys {
    const base = `${this.prefix}tl:{${customerId}}:`;
    return { all: `${base}all`, kinds: `${base}kinds`, events: `${base}events`, byPrefix: `${base}by:` };
  }
}

const lowerArg = (b: Bound | undefined): string => (b ? `${b.inclusive ? '[' : '('}${b.key}` : '-');
const upperArg = (b: Bound | undefined): string => (b ? `${b.inclusive ? '[' : '('}${b.key}` : '+');
