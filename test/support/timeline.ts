/** A customer's whole timeline as a test compares it: every event, newest first. */
import type { RunningHub } from '../../bin/start-hub.js';
import { gql } from './hub.js';
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

// The fields a test compares, as any client reads them (aliases: `total` differs in nullability).
const GATEWAY_TIMELINE = `query ($email: String!, $after: String) {
  customer(email: $email) {
    id
    timeline(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        id channel type occurredAt source summary
        details {
          __typename
          ... on TimelineMessageDetails { campaignName subject }
          ... on TimelineOrderDetails { orderId orderTotal: total { amount currencyCode } itemCount }
          ... on TimelineCheckoutDetails { checkoutId }
          ... on TimelineSalesDetails { engagementId subject }
          ... on TimelineAdDetails { formId leadId }
          ... on TimelineConsentDetails { topic status }
        }
      } }
    }
  }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
export type GatewayTimelineEvent = { id: string; channel: string; type: string; occurredAt: string; source: string; summary: string; details: any };

/**
 * A customer's whole timeline read through the gateway as the internal client, found by email;
 * undefined while the hub knows no customer with that email.
 */
export async function gatewayTimeline(hub: RunningHub, email: string): Promise<{ customerId: string; events: GatewayTimelineEvent[] } | undefined> {
  const events: GatewayTimelineEvent[] = [];
  let after: string | null = null;
  for (;;) {
    type Answer = { customer: { id: string; timeline: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: GatewayTimelineEvent }[] } } | null };
    const { data, errors }: { data?: Answer | null; errors?: unknown[] } = await gql<Answer>(hub.gatewayUrl, GATEWAY_TIMELINE, { email, after });
    if (errors) throw new Error(`timeline query failed: ${JSON.stringify(errors)}`);
    if (!data?.customer) return undefined;
    const { timeline } = data.customer;
    events.push(...timeline.edges.map((edge) => edge.node));
    if (!timeline.pageInfo.hasNextPage) return { customerId: data.customer.id, events };
    after = timeline.pageInfo.endCursor;
  }
}
