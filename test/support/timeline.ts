/** A customer's whole timeline as a test compares it: every event, newest first. */
import type { RunningHub } from '../../bin/start-hub.js';
import type { TimelineEvent } from '../../profile/timeline/timeline-store.js';

export async function readTimeline(hub: RunningHub, customerId: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await hub.stores.timeline.page(customerId, { first: 100, after });
    events.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor;
  }
}
