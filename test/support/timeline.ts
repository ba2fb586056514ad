/** A customer's whole timeline as a test compares it: every event, newest first. */
import type { RunningHub } from '../../bin/start-hub.js';
import type { TimelineEvent, TimelineStore } from '../../profile/timeline/timeline-store.js';

export async function readTimelineFrom(store: TimelineStore, customerId: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.page(customerId, { first: 100, after });
    events.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor;
  }
}

export const readTimeline = (hub: RunningHub, customerId: string) => readTimelineFrom(hub.stores.timeline, customerId);
