/**
 * Customer.timeline through the gateway, against the running hub's own timeline store (memory or
 * Redis, per the runner: customer-timeline.test.ts, customer-timeline.redis.test.ts): events
 * are seeded into `hub.stores.timeline` for a real demo customer, then read over HTTP with
 * cursors, filters and bad input. The response cache is on, so every repeated read also proves
 * the timeline is never served stale. Seeded events live in 2031 and every query bounds `since`
 * there, so events that ingest writes for the same customer do not disturb the assertions.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { UnifiedEvent } from '../../connectors/unified/event.js';
import { seedTimelineEvents, syntheticEvents } from '../../profile/timeline/seed-events.js';
import { metric, writeClientsFile } from '../support/gateway.js';
import { gql, startTestHub } from '../support/hub.js';

const SINCE = '2031-01-01T00:00:00Z';
/** A client with no scopes at all, allowed ad-hoc documents. */
const READER = { 'x-api-key': 'timeline-reader-key' };

// `total` is non-null on orders and nullable on checkouts: GraphQL wants distinct names (aliases)
// when one selection asks for both.
const TIMELINE = `query ($id: ID!, $first: Int, $after: String, $channels: [Channel!], $types: [TimelineEventType!], $since: DateTime, $until: DateTime, $order: TimelineOrder) {
  customer(id: $id) {
    id
    timeline(first: $first, after: $after, channels: $channels, types: $types, since: $since, until: $until, order: $order) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id channel type occurredAt source summary
          details {
            __typename
            ... on TimelineMessageDetails { campaignId subject messageId }
            ... on TimelineOrderDetails { orderId orderName orderTotal: total { amount currencyCode } itemCount }
            ... on TimelineCheckoutDetails { checkoutId checkoutTotal: total { amount currencyCode } }
            ... on TimelineSalesDetails { engagementId direction }
            ... on TimelineAdDetails { formId leadId gclid campaignName }
            ... on TimelineConsentDetails { topic status }
            ... on TimelineProfileDetails { note }
          }
        }
      }
    }
  }
}`;

export interface HubSetup {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

export function describeTimelineApi(name: string, setup: () => Promise<HubSetup>): void {
  describe(`Customer.timeline through the gateway: ${name}`, () => {
    let hub: RunningHub;
    let cleanup: (() => Promise<void>) | undefined;
    let customerId: string;
    let events: UnifiedEvent[];
    const read = (variables: Record<string, unknown>) => gql(hub.gatewayUrl, TIMELINE, { id: customerId, since: SINCE, ...variables });
    const idsOf = (list: readonly UnifiedEvent[]) => list.map((e) => e.id);

    beforeAll(async () => {
      const hubSetup = await setup();
      cleanup = hubSetup.cleanup;
      hub = await startTestHub({
        GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: '60',
        GATEWAY_CLIENTS_FILE: writeClientsFile([{ name: 'timeline-reader', key: READER['x-api-key'], arbitraryDocuments: true }]),
        ...hubSetup.env,
      });
      const { data } = await gql(hub.gatewayUrl, '{ customers(first: 1) { edges { node { id } } } }');
      customerId = data!.customers.edges[0].node.id;
      events = await seedTimelineEvents(hub.stores.timeline, customerId, 30, { start: '2031-01-01T00:00:00.000Z', idPrefix: 'e2e' });
    });
    afterAll(async () => {
      await hub?.close();
      await cleanup?.();
    });

    it('pages newest first through opaque cursors, with typed details and the total', async () => {
      const newest = idsOf(events).reverse();
      const seen: string[] = [];
      let after: string | null = null;
      for (let pageNo = 0; pageNo < 5; pageNo++) {
        const { errors, data } = await read({ first: 7, after });
        expect(errors).toBeUndefined();
        const connection = data!.customer.timeline;
        expect(connection.totalCount).toBe(30);
        seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toEqual(newest);

      const { data } = await read({ first: 30 });
      const order = events.find((e) => e.type === 'ORDER_PLACED')!;
      const node = data!.customer.timeline.edges.find((e: { node: { id: string } }) => e.node.id === order.id).node;
      expect(node).toEqual({
        id: order.id,
        channel: 'COMMERCE',
        type: 'ORDER_PLACED',
        occurredAt: order.occurredAt,
        source: 'SHOPIFY',
        summary: order.summary,
        details: {
          __typename: 'TimelineOrderDetails',
          orderId: (order.details as { orderId: string }).orderId,
          orderName: (order.details as { orderName: string }).orderName,
          orderTotal: (order.details as { total: unknown }).total,
          itemCount: (order.details as { itemCount: number }).itemCount,
        },
      });
      const kinds = new Set(data!.customer.timeline.edges.map((e: { node: { details: { __typename: string } } }) => e.node.details.__typename));
      expect(kinds).toEqual(
        new Set(['TimelineMessageDetails', 'TimelineOrderDetails', 'TimelineCheckoutDetails', 'TimelineSalesDetails', 'TimelineAdDetails', 'TimelineConsentDetails', 'TimelineProfileDetails']),
      );
      const google = data!.customer.timeline.edges.find((e: { node: { source: string } }) => e.node.source === 'GOOGLE_ADS');
      expect(google.node.details.__typename).toBe('TimelineAdDetails');
    });

    it('filters by channels, types and a time window, in either order, with a matching total', async () => {
      const byChannel = await read({ first: 100, channels: ['COMMERCE', 'SALES'] });
      const commerceOrSales = events.filter((e) => e.channel === 'COMMERCE' || e.channel === 'SALES');
      expect(byChannel.data!.customer.timeline.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(idsOf(commerceOrSales).reverse());
      expect(byChannel.data!.customer.timeline.totalCount).toBe(commerceOrSales.length);

      const byType = await read({ first: 100, types: ['EMAIL_SENT'], channels: ['EMAIL'] });
      expect(byType.data!.customer.timeline.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(idsOf(events.filter((e) => e.type === 'EMAIL_SENT')).reverse());

      // DateTime takes any offset and answers UTC: 02:00+02:00 is the SINCE instant.
      const shifted = await read({ first: 1, since: '2031-01-01T02:00:00+02:00', order: 'OLDEST_FIRST' });
      expect(shifted.data!.customer.timeline.totalCount).toBe(30);
      expect(shifted.data!.customer.timeline.edges[0].node.occurredAt).toBe('2031-01-01T00:00:00.000Z');

      // [since, until): events 10 to 19, oldest first, a page of 4 then the rest.
      const window = { since: events[10]!.occurredAt, until: events[20]!.occurredAt, order: 'OLDEST_FIRST' };
      const first = await read({ first: 4, ...window });
      expect(first.data!.customer.timeline.totalCount).toBe(10);
      const rest = await read({ first: 100, after: first.data!.customer.timeline.pageInfo.endCursor, ...window });
      const ids = [...first.data!.customer.timeline.edges, ...rest.data!.customer.timeline.edges].map((e: { node: { id: string } }) => e.node.id);
      expect(ids).toEqual(idsOf(events.slice(10, 20)));
    });

    it('keeps a cursor in place while newer events arrive, and never serves the timeline from the cache', async () => {
      const customerCalls = () => metric(hub.gatewayUrl, 'hub_gateway_upstream_requests_total', { subgraph: 'customer' });
      // Control: the cache is on, so a plain profile read is answered from it the second time.
      const plain = `{ customer(id: "${customerId}") { id createdAt } }`;
      await gql(hub.gatewayUrl, plain);
      const beforePlain = await customerCalls();
      await gql(hub.gatewayUrl, plain);
      expect(await customerCalls()).toBe(beforePlain);

      const page1 = await read({ first: 5 });
      const newer = syntheticEvents(3, { start: '2031-06-01T00:00:00.000Z', idPrefix: 'e2e-newer' });
      await hub.stores.timeline.appendEvents(customerId, newer);
      const page2 = await read({ first: 5, after: page1.data!.customer.timeline.pageInfo.endCursor });
      expect(page2.data!.customer.timeline.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(idsOf(events.slice(20, 25)).reverse());
      const again = await read({ first: 5 });
      expect(again.data!.customer.timeline.totalCount).toBe(33);
      expect(again.data!.customer.timeline.edges[0].node.id).toBe(newer[2]!.id);
      // A replay through the store changes nothing the API shows.
      expect(await hub.stores.timeline.appendEvents(customerId, [...newer, ...events])).toBe(0);
      expect((await read({ first: 5 })).data).toEqual(again.data);
    });

    it('answers the README timeline example', async () => {
      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
      const query = /<!-- readme-example:timeline-query -->\s*```graphql\n([\s\S]*?)```/.exec(readme)![1]!;
      const who = await gql(hub.gatewayUrl, `{ customer(id: "${customerId}") { identities { kind value } } }`);
      const email = who.data!.customer.identities.find((i: { kind: string }) => i.kind === 'EMAIL').value;
      const { errors, data } = await gql(hub.gatewayUrl, query, { email });
      expect(errors).toBeUndefined();
      const nodes = data!.customer.timeline.edges.map((e: { node: unknown }) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((n: { channel: string }) => n.channel === 'EMAIL' || n.channel === 'COMMERCE')).toBe(true);
    });

    it('answers the timeline without any scope, but a checkout recovery link only with pii:read', async () => {
      const query = `query ($id: ID!) { customer(id: $id) { timeline(first: 100, since: "${SINCE}", types: [CHECKOUT_STARTED]) {
        totalCount edges { node { id details { ... on TimelineCheckoutDetails { checkoutId LINK } } } } } } }`;
      const checkouts = events.filter((e) => e.type === 'CHECKOUT_STARTED');
      const plain = await gql(hub.gatewayUrl, query.replace('LINK', ''), { id: customerId }, READER);
      expect(plain.errors).toBeUndefined();
      expect(plain.data!.customer.timeline.totalCount).toBe(checkouts.length);
      const refused = await gql(hub.gatewayUrl, query.replace('LINK', 'recoveryUrl'), { id: customerId }, READER);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
      const allowed = await gql(hub.gatewayUrl, query.replace('LINK', 'recoveryUrl'), { id: customerId });
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data!.customer.timeline.edges[0].node.details.recoveryUrl).toBe((checkouts.at(-1)!.details as { recoveryUrl: string }).recoveryUrl);
    });

    it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
      const cases: [Record<string, unknown>, string | undefined][] = [
        [{ first: 101 }, 'first'],
        [{ first: -1 }, 'first'],
        [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
        [{ after: Buffer.from('customer:cus_1').toString('base64url') }, 'after'],
        [{ since: '2031-02-01T00:00:00Z', until: '2031-01-01T00:00:00Z' }, 'until'],
        [{ since: 'last tuesday' }, undefined],
        [{ since: '2031-01-01' }, undefined],
      ];
      for (const [variables, argument] of cases) {
        const { errors } = await read({ first: 5, ...variables });
        expect(errors, JSON.stringify(variables)).toHaveLength(1);
        expect(errors![0]!.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
        if (argument) expect(errors![0]!.extensions?.argument).toBe(argument);
      }
      const unknownChannel = await read({ first: 5, channels: ['FAX'] });
      // Refused by the gateway's own variable coercion, before any subgraph runs (it sets no code).
      expect(unknownChannel.errors?.[0]?.message).toMatch(/"FAX" does not exist in "Channel" enum/);
      expect(unknownChannel.data ?? null).toBeNull();
      expect((await read({ first: 100 })).data!.customer.timeline.totalCount).toBe(33);
    });
  });
}
