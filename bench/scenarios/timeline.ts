/**
 * Timeline pages for one person with many events: the events are written straight into the
 * hub's Redis through the same store adapter ingest uses (seeding 10,000 events through webhooks
 * would measure ingest, which has its own scenario), then pages of 50 are read through the
 * gateway: the first page, and pages deep in the timeline from cursors collected beforehand.
 * A page read is O(log n + page size), so the figures should barely move with n.
 */
import { seedTimelineEvents } from '../../profile/timeline/seed-events.js';
import { failures, type Scenario } from '../context.js';
import { body, firstCustomerIds, graphql } from '../graphql.js';
import { withHubTimeline } from '../hub-timeline.js';
import { runLoad } from '../load.js';

const TIMELINE_PAGE = `query TimelinePage($id: ID!, $after: String) {
  customer(id: $id) {
    timeline(first: 50, after: $after) {
      totalCount
      edges { cursor node { id channel type occurredAt source summary } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

type Page = {
  customer: {
    timeline: {
      totalCount: number;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
};

export const timeline: Scenario = async ({ hub, plan, sizeIndex, headers, redisUrl, keyPrefix, row, log }) => {
  const events = plan.timelineEvents[sizeIndex];
  const customerId = (await firstCustomerIds(hub.gatewayUrl, 1, headers))[0]!;

  log(`timeline: seeding ${events.toLocaleString('en-US')} events`);
  await withHubTimeline({ redisUrl, keyPrefix }, { maxEventsPerCustomer: events }, async (store) => {
    for (let offset = 0; offset < events; offset += 1000) {
      await seedTimelineEvents(store, customerId, Math.min(1000, events - offset), {
        idPrefix: 'bench',
        offset,
        start: '2025-01-01T00:00:00.000Z',
      });
    }
  });

  // Every page's cursor, so the load reads the whole timeline, not the first page again and again.
  const cursors: (string | null)[] = [null];
  let totalCount = 0;
  for (;;) {
    const page = await graphql<Page>(hub.gatewayUrl, TIMELINE_PAGE, { id: customerId, after: cursors.at(-1) }, headers);
    totalCount = page.customer.timeline.totalCount;
    if (!page.customer.timeline.pageInfo.hasNextPage) break;
    cursors.push(page.customer.timeline.pageInfo.endCursor);
  }

  log('timeline pages');
  const load = await runLoad({
    url: hub.gatewayUrl,
    connections: plan.connections,
    duration: plan.durationS,
    headers,
    bodies: cursors.map((after) => body(TIMELINE_PAGE, { id: customerId, after })),
  });
  row('timeline, pages of 50 (whole timeline)', {
    'events on the timeline': totalCount,
    'req/s': load.rps,
    'p50 ms': load.p50,
    'p99 ms': load.p99,
    errors: failures(load),
  });
};
