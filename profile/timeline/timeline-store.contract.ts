/**
 * The behaviour every TimelineStore adapter must show. Each adapter's test file calls this with
 * a factory; the assertions are the same for memory and Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UnifiedEvent } from '../../connectors/unified/event.js';
import { seedTimelineEvents, syntheticEvents } from './seed-events.js';
import { TimelineQueryError } from './timeline-query-error.js';
import type { TimelinePage, TimelinePageQuery, TimelineStore, TimelineStoreOptions } from './timeline-store.js';

export interface StoreFixture<T> {
  store: T;
  cleanup: () => Promise<void>;
}

const ids = (page: TimelinePage) => page.edges.map((e) => e.node.id);
const idsOf = (events: readonly UnifiedEvent[]) => events.map((e) => e.id);

/** Every event the query matches, read page by page through the cursors. */
async function readAll(store: TimelineStore, customerId: string, query: Omit<TimelinePageQuery, 'first' | 'after'>, first = 2): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: TimelinePage = await store.page(customerId, { ...query, first, after });
    seen.push(...ids(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

export function describeTimelineStoreContract(name: string, create: (options?: TimelineStoreOptions) => Promise<StoreFixture<TimelineStore>>): void {
  describe(`TimelineStore contract: ${name}`, () => {
    let fixture: StoreFixture<TimelineStore> | undefined;
    const open = async (options?: TimelineStoreOptions) => {
      fixture = await create(options);
      return fixture.store;
    };
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    it('pages newest first by default and oldest first on request, with Relay page info', async () => {
      const store = await open();
      const events = await seedTimelineEvents(store, 'cus_a', 9);
      const newest = [...idsOf(events)].reverse();
      const first = await store.page('cus_a', { first: 4 });
      expect(ids(first)).toEqual(newest.slice(0, 4));
      expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[3]!.cursor });
      const second = await store.page('cus_a', { first: 4, after: first.pageInfo.endCursor });
      expect(ids(second)).toEqual(newest.slice(4, 8));
      const last = await store.page('cus_a', { first: 4, after: second.pageInfo.endCursor });
      expect(ids(last)).toEqual(newest.slice(8));
      expect(last.pageInfo.hasNextPage).toBe(false);
      expect(await readAll(store, 'cus_a', { order: 'OLDEST_FIRST' })).toEqual(idsOf(events));
      expect(await store.count('cus_a')).toBe(9);
    });

    it('orders a large shuffled batch and single late arrivals the same way', async () => {
      const store = await open();
      const events = syntheticEvents(120, { spacingMs: 500 });
      // A fixed shuffle: every 7th index first, then the rest backwards, minus five held back.
      const late = [events[3]!, events[50]!, events[51]!, events[118]!, events[0]!];
      const lateIds = new Set(idsOf(late));
      const batch = [...events.filter((_, i) => i % 7 === 0), ...events.filter((_, i) => i % 7 !== 0).reverse()].filter((e) => !lateIds.has(e.id));
      expect(await store.appendEvents('cus_a', batch)).toBe(115);
      for (const event of late) expect(await store.appendEvents('cus_a', [event])).toBe(1);
      expect(await readAll(store, 'cus_a', {}, 50)).toEqual(idsOf(events).reverse());
      expect(await readAll(store, 'cus_a', { order: 'OLDEST_FIRST', channels: ['EMAIL', 'SALES'] }, 7)).toEqual(
        idsOf(events.filter((e) => e.channel === 'EMAIL' || e.channel === 'SALES')),
      );
    });

    it('returns each event as appended, without its identifiers', async () => {
      const store = await open();
      const [event] = await seedTimelineEvents(store, 'cus_a', 1);
      const { identities: _identities, ...rest } = event!;
      expect((await store.page('cus_a', { first: 1 })).edges[0]!.node).toEqual(rest);
    });

    it('answers an empty page for an unknown customer, and first: 0 still says whether events exist', async () => {
      const store = await open();
      expect(await store.page('cus_nobody', { first: 5 })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      expect(await store.count('cus_nobody')).toBe(0);
      await seedTimelineEvents(store, 'cus_a', 2);
      expect(await store.page('cus_a', { first: 0 })).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    });

    it('breaks ties on occurredAt by event id, and pages through ties one at a time without loss', async () => {
      const store = await open();
      const events = await seedTimelineEvents(store, 'cus_a', 6, { spacingMs: 0 });
      const byId = idsOf(events).sort();
      expect(await readAll(store, 'cus_a', {}, 1)).toEqual([...byId].reverse());
      expect(await readAll(store, 'cus_a', { order: 'OLDEST_FIRST' }, 1)).toEqual(byId);
    });

    it('keeps a cursor pointing at the same place while newer and older events arrive', async () => {
      const store = await open();
      const events = await seedTimelineEvents(store, 'cus_a', 10);
      const first = await store.page('cus_a', { first: 3 });
      // Newer events, older events, and one between the cursor and the next page, all after page 1.
      const newer = syntheticEvents(2, { start: '2027-01-01T00:00:00.000Z', idPrefix: 'newer' });
      const older = syntheticEvents(2, { start: '2025-01-01T00:00:00.000Z', idPrefix: 'older' });
      const between = syntheticEvents(1, { start: new Date(Date.parse(events[6]!.occurredAt) + 1000).toISOString(), idPrefix: 'between' });
      await store.appendEvents('cus_a', [...newer, ...older, ...between]);
      const next: string[] = [];
      let after = first.pageInfo.endCursor;
      for (;;) {
        const page = await store.page('cus_a', { first: 3, after });
        next.push(...ids(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      // Page 1 ended at event 7; the rest is 6..0 with `between` in its place, then the older ones.
      const expected = [between[0]!.id, ...idsOf(events.slice(0, 7)).reverse(), ...idsOf(older).reverse()];
      expect(next).toEqual(expected);
      expect(next).not.toContain(newer[0]!.id);
      // Oldest first: a cursor also holds when newer events arrive behind the reader's back.
      const ascending = await store.page('cus_a', { first: 2, order: 'OLDEST_FIRST' });
      await seedTimelineEvents(store, 'cus_a', 1, { start: '2028-01-01T00:00:00.000Z', idPrefix: 'latest' });
      const after2 = await store.page('cus_a', { first: 3, order: 'OLDEST_FIRST', after: ascending.pageInfo.endCursor });
      expect(ids(after2)).toEqual(idsOf(events.slice(0, 3)));
    });

    it('filters by channel, by type and by both, paging across the matching events', async () => {
      const store = await open();
      const events = await seedTimelineEvents(store, 'cus_a', 27);
      const newest = [...events].reverse();
      const want = (keep: (e: UnifiedEvent) => boolean) => newest.filter(keep).map((e) => e.id);
      const commerceOrSms = want((e) => e.channel === 'COMMERCE' || e.channel === 'SMS');
      expect(await readAll(store, 'cus_a', { channels: ['COMMERCE', 'SMS'] })).toEqual(commerceOrSms);
      expect(await store.count('cus_a', { channels: ['COMMERCE', 'SMS'] })).toBe(commerceOrSms.length);
      const sales = want((e) => e.type === 'SALES_CALL' || e.type === 'EMAIL_SENT');
      expect(await readAll(store, 'cus_a', { types: ['SALES_CALL', 'EMAIL_SENT'] }, 4)).toEqual(sales);
      const both = want((e) => e.channel === 'EMAIL' && e.type === 'CONSENT_CHANGED');
      expect(both.length).toBeGreaterThan(0);
      expect(await readAll(store, 'cus_a', { channels: ['EMAIL'], types: ['CONSENT_CHANGED', 'ORDER_PLACED'] })).toEqual(both);
      expect(await readAll(store, 'cus_a', { channels: ['PUSH'] })).toEqual([]);
      expect(await store.count('cus_a', { types: ['PUSH_SENT'] })).toBe(0);
      // Empty lists mean no filter.
      expect(await store.count('cus_a', { channels: [], types: [] })).toBe(27);
    });

    it('bounds by since (inclusive) and until (exclusive), alone, together and with filters', async () => {
      const store = await open();
      const events = await seedTimelineEvents(store, 'cus_a', 20);
      const since = events[5]!.occurredAt;
      const until = events[12]!.occurredAt;
      const newest = (from: number, to: number) => idsOf(events.slice(from, to)).reverse();
      expect(await readAll(store, 'cus_a', { since })).toEqual(newest(5, 20));
      expect(await readAll(store, 'cus_a', { until })).toEqual(newest(0, 12));
      expect(await readAll(store, 'cus_a', { since, until })).toEqual(newest(5, 12));
      expect(await readAll(store, 'cus_a', { since, until, order: 'OLDEST_FIRST' })).toEqual(idsOf(events.slice(5, 12)));
      expect(await store.count('cus_a', { since, until })).toBe(7);
      // Another offset naming the same instant bounds the same way.
      const shifted = new Date(Date.parse(since)).toISOString().replace('Z', '+00:00');
      expect(await store.count('cus_a', { since: shifted, until })).toBe(7);
      const commerce = events.slice(5, 12).filter((e) => e.channel === 'COMMERCE');
      expect(await readAll(store, 'cus_a', { since, until, channels: ['COMMERCE'] })).toEqual(idsOf(commerce).reverse());
      expect(await store.count('cus_a', { since, until, channels: ['COMMERCE'] })).toBe(commerce.length);
    });

    it('refuses a foreign cursor, a negative first and an empty or unreadable time window, and changes nothing', async () => {
      const store = await open();
      await seedTimelineEvents(store, 'cus_a', 3);
      const refusal = (query: TimelinePageQuery) => store.page('cus_a', query).then(() => undefined, (e: unknown) => e);
      const foreign = Buffer.from('customer:cus_a').toString('base64url');
      for (const [query, argument] of [
        [{ first: 2, after: foreign }, 'after'],
        [{ first: 2, after: 'not a cursor' }, 'after'],
        [{ first: -1 }, 'first'],
        [{ first: 1.5 }, 'first'],
        [{ first: 2, since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'until'],
        [{ first: 2, since: 'yesterday' }, 'since'],
      ] as const) {
        const error = await refusal(query);
        expect(error).toBeInstanceOf(TimelineQueryError);
        expect((error as TimelineQueryError).argument).toBe(argument);
      }
      expect(await store.count('cus_a')).toBe(3);
    });

    it('dedupes by event id: a replay or an out-of-order arrival leaves the pages unchanged', async () => {
      const store = await open();
      const events = syntheticEvents(8);
      expect(await store.appendEvents('cus_a', events.slice(4))).toBe(4);
      expect(await store.appendEvents('cus_a', events.slice(0, 4))).toBe(4); // older, arriving later
      const before = await readAll(store, 'cus_a', {});
      expect(before).toEqual(idsOf(events).reverse());
      expect(await store.appendEvents('cus_a', [...events].reverse())).toBe(0);
      // The same id again with other content (a re-sync): the first stored copy stays.
      const altered = { ...events[3]!, summary: 'changed', occurredAt: '2030-01-01T00:00:00.000Z' };
      expect(await store.appendEvents('cus_a', [altered])).toBe(0);
      expect(await readAll(store, 'cus_a', {})).toEqual(before);
      expect((await store.page('cus_a', { first: 8 })).edges.find((e) => e.node.id === altered.id)!.node.summary).toBe(events[3]!.summary);
      expect(await store.count('cus_a')).toBe(8);
      // Repeats inside one batch count once.
      const twice = syntheticEvents(1, { idPrefix: 'twice' });
      expect(await store.appendEvents('cus_a', [twice[0]!, twice[0]!])).toBe(1);
    });

    it('keeps the newest events up to the retention bound, and never lets an old arrival evict a newer one', async () => {
      const store = await open({ maxEventsPerCustomer: 5 });
      const events = syntheticEvents(8);
      expect(await store.appendEvents('cus_a', events)).toBe(5);
      expect(await readAll(store, 'cus_a', {})).toEqual(idsOf(events.slice(3)).reverse());
      expect(await store.count('cus_a')).toBe(5);
      // An evicted event replayed, and a brand-new but older one: both outside the window.
      expect(await store.appendEvents('cus_a', [events[0]!, ...syntheticEvents(1, { start: '2020-01-01T00:00:00Z', idPrefix: 'old' })])).toBe(0);
      expect(await readAll(store, 'cus_a', {})).toEqual(idsOf(events.slice(3)).reverse());
      // A newer one pushes the oldest out.
      const newer = syntheticEvents(1, { start: '2027-01-01T00:00:00Z', idPrefix: 'new' });
      expect(await store.appendEvents('cus_a', newer)).toBe(1);
      expect(await readAll(store, 'cus_a', {})).toEqual([newer[0]!.id, ...idsOf(events.slice(4)).reverse()]);
      expect(await store.count('cus_a', { channels: [events[3]!.channel], types: [events[3]!.type] })).toBe(0);
    });

    it('merges an absorbed customer into the survivor: events move, dedupe holds, merge is idempotent', async () => {
      const store = await open();
      const shared = syntheticEvents(4, { idPrefix: 'shared' });
      const own = syntheticEvents(3, { idPrefix: 'survivor', start: '2026-01-01T00:00:30.000Z' });
      const absorbedOnly = syntheticEvents(5, { idPrefix: 'absorbed', start: '2026-01-01T00:00:10.000Z' });
      await store.appendEvents('cus_s', [...shared, ...own]);
      await store.appendEvents('cus_x', [...shared, ...absorbedOnly]);
      await store.appendEvents('cus_other', syntheticEvents(2, { idPrefix: 'other' }));
      await store.mergeInto('cus_s', 'cus_x');
      const union = [...shared, ...own, ...absorbedOnly].sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1));
      expect(await readAll(store, 'cus_s', {}, 5)).toEqual(idsOf(union).reverse());
      expect(await store.count('cus_s')).toBe(12);
      expect(await store.count('cus_s', { channels: ['COMMERCE'] })).toBe(union.filter((e) => e.channel === 'COMMERCE').length);
      expect(await store.count('cus_x')).toBe(0);
      expect(await store.page('cus_x', { first: 5 })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      await store.mergeInto('cus_s', 'cus_x');
      expect(await store.count('cus_s')).toBe(12);
      // A later replay of an absorbed event, now addressed to the survivor, is still a duplicate.
      expect(await store.appendEvents('cus_s', absorbedOnly)).toBe(0);
      expect(await store.count('cus_other')).toBe(2);
    });

    it('applies the retention bound to a merge', async () => {
      const store = await open({ maxEventsPerCustomer: 4 });
      const a = syntheticEvents(3, { idPrefix: 'a' });
      const b = syntheticEvents(3, { idPrefix: 'b', start: '2026-01-01T00:00:30.000Z' });
      await store.appendEvents('cus_s', a);
      await store.appendEvents('cus_x', b);
      await store.mergeInto('cus_s', 'cus_x');
      const union = [...a, ...b].sort((p, q) => (p.occurredAt < q.occurredAt ? -1 : p.occurredAt > q.occurredAt ? 1 : p.id < q.id ? -1 : 1));
      expect(await readAll(store, 'cus_s', {})).toEqual(idsOf(union.slice(-4)).reverse());
      expect(await store.count('cus_x')).toBe(0);
    });

    it('erases everything held for a customer, idempotently, and nothing of anyone else', async () => {
      const store = await open();
      await seedTimelineEvents(store, 'cus_a', 9);
      await seedTimelineEvents(store, 'cus_b', 3);
      await store.erase('cus_a');
      expect(await store.count('cus_a')).toBe(0);
      expect(await store.count('cus_a', { channels: ['EMAIL'] })).toBe(0);
      expect((await store.page('cus_a', { first: 10 })).edges).toEqual([]);
      await store.erase('cus_a');
      expect(await store.count('cus_b')).toBe(3);
      // Erased means forgotten: the same events may be appended again as new.
      expect(await seedTimelineEvents(store, 'cus_a', 2).then(() => store.count('cus_a'))).toBe(2);
    });
  });
}
