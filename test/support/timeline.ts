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

type TimelineAnswer = {
  customer: { id: string; timeline: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: GatewayTimelineEvent }[] } } | null;
};

async function gatewayPage(hub: RunningHub, email: string, after: string | null): Promise<TimelineAnswer> {
  const { data, errors } = await gql<TimelineAnswer>(hub.gatewayUrl, GATEWAY_TIMELINE, { email, after });
  if (errors || !data) throw new Error(`timeline query failed: ${JSON.stringify(errors)}`);
  return data;
}

/**
 * A customer's whole timeline read through the gateway as the internal client, found by email;
 * undefined while the hub knows no customer with that email.
 */
export async function gatewayTimeline(hub: RunningHub, email: string): Promise<{ customerId: string; events: GatewayTimelineEvent[] } | undefined> {
  const events: GatewayTimelineEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const { customer }: TimelineAnswer = await gatewayPage(hub, email, after);
    if (!customer) return undefined;
    events.push(...customer.timeline.edges.map((edge) => edge.node));
    if (!customer.timeline.pageInfo.hasNextPage) return { customerId: customer.id, events };
    after = customer.timeline.pageInfo.endCursor;
  }
}
