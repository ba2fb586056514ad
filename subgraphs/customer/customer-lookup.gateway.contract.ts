/**
 * Customer lookups, the customers filter, merges and refused merges, through the gateway on a
 * whole hub (sandboxes → backfill → store). Merges and conflicts are made by the hub's own
 * identity resolver on the hub's own store, as ingest makes them. Runs on the memory store
 * (customer-lookup.gateway.test.ts) and on Redis (customer-lookup.gateway.redis.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import type { IdentityObservation } from '../../connectors/unified/identity.js';
import { createIdentityResolver, type IdentityResolver } from '../../profile/identity/resolve-identity.js';
import { identityRulesFrom } from '../../profile/identity/identity-rules.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { gql, startTestHub, subgraphPost } from '../../test/support/hub.js';

const LOOKUP = `query ($id: ID, $email: String, $phone: String, $identity: IdentityInput) {
  customer(id: $id, email: $email, phone: $phone, identity: $identity) { id identities { kind value } }
}`;

const PAGE = `query ($first: Int, $after: String, $filter: CustomerFilter) {
  customers(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id createdAt sources identities { kind value } } }
  }
}`;

export interface HubSetup {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

export function describeCustomerLookups(name: string, setup: () => Promise<HubSetup>): void {
  describe(`customer lookups and the customers filter, through the gateway: ${name}`, () => {
    let hub: RunningHub;
    let hubSetup: HubSetup | undefined;
    let resolver: IdentityResolver;
    const world = generateWorld({ seed: 42, people: 40 });
    const person = world.people.find((p) => p.hubspot && p.shopify)!;

    beforeAll(async () => {
      hubSetup = await setup();
      hub = await startTestHub(hubSetup.env);
      resolver = createIdentityResolver({ store: hub.stores.identities, rules: identityRulesFrom(hub.config) });
    });
    afterAll(async () => {
      await hub?.close();
      await hubSetup?.cleanup();
    });

    const observe = (o: Omit<IdentityObservation, 'observedAt'>) => resolver.resolve({ ...o, observedAt: '2026-11-20T00:00:00.000Z' });

    it('finds one customer by hub id, every spelling of the email and phone, and each vendor id', async () => {
      const byEmail = await gql(hub.gatewayUrl, LOOKUP, { email: person.email });
      expect(byEmail.errors).toBeUndefined();
      const customer = byEmail.data!.customer;
      const e164: string = customer.identities.find((i: { kind: string }) => i.kind === 'PHONE').value;
      expect(e164).toMatch(/^\+1\d{10}$/);
      const [area, exchange, line] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)];
      const lookups = [
        { id: customer.id },
        { id: ` ${customer.id} ` },
        { email: `  ${person.email.toUpperCase()}  ` },
        { phone: `(${area}) ${exchange}-${line}` },
        { phone: `${area}-${exchange}-${line}` },
        { phone: `+1 ${area} ${exchange} ${line}` },
        { phone: `1.${area}.${exchange}.${line}` },
        { identity: { kind: 'EMAIL', value: person.email.toUpperCase() } },
        { identity: { kind: 'PHONE', value: `${area} ${exchange} ${line}` } },
        { identity: { kind: 'HUBSPOT', value: person.hubspot!.contactId } },
        { identity: { kind: 'SHOPIFY', value: `gid://shopify/Customer/${person.shopify!.customerId}` } },
      ];
      for (const variables of lookups) {
        const { data, errors } = await gql(hub.gatewayUrl, LOOKUP, variables);
        expect(errors, JSON.stringify(variables)).toBeUndefined();
        expect(data!.customer?.id, JSON.stringify(variables)).toBe(customer.id);
      }
    });

    it('answers null for nobody, and for a blocked value that is never matched', async () => {
      for (const variables of [
        { email: 'nobody@nowhere.example' },
        { phone: '+1 212 555 0000' },
        { id: 'cus_000000000000000000000000' },
        { identity: { kind: 'KLAVIYO', value: 'NOPE' } },
        { email: 'test@test.com' },
      ]) {
        const { data, errors } = await gql(hub.gatewayUrl, LOOKUP, variables);
        expect(errors, JSON.stringify(variables)).toBeUndefined();
        expect(data!.customer).toBeNull();
      }
    });

    it('refuses a lookup without exactly one well-formed argument, with BAD_USER_INPUT naming it', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'customer'],
        [{ email: person.email, phone: '+15035550000' }, 'email, phone'],
        [{ email: 'not-an-email' }, 'email'],
        [{ phone: '12' }, 'phone'],
        [{ phone: 'call me' }, 'phone'],
        [{ id: 'customer-1' }, 'id'],
        [{ identity: { kind: 'SHOPIFY', value: '   ' } }, 'identity'],
        [{ identity: { kind: 'EMAIL', value: 'nope' } }, 'identity'],
      ];
      for (const [variables, argument] of cases) {
        const { data, errors } = await gql(hub.gatewayUrl, LOOKUP, variables);
        expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
        expect(data?.customer ?? null).toBeNull();
      }
    });

    it('filters customers by identifier kinds, source, email domain and creation time, paging to the same set', async () => {
      const withShopify = world.people.filter((p) => p.shopify).length;
      const all = await gql(hub.gatewayUrl, PAGE, { first: 100, filter: { hasIdentityKind: ['SHOPIFY'] } });
      expect(all.errors).toBeUndefined();
      expect(all.data!.customers.totalCount).toBe(withShopify);
      for (const edge of all.data!.customers.edges)
        expect(edge.node.identities.some((i: { kind: string }) => i.kind === 'SHOPIFY')).toBe(true);

      // Paging two at a time yields the same customers, in id order, once each.
      const paged: string[] = [];
      let after: string | undefined;
      for (;;) {
        const { data } = await gql(hub.gatewayUrl, PAGE, { first: 7, after, filter: { hasIdentityKind: ['SHOPIFY'] } });
        paged.push(...data!.customers.edges.map((e: { node: { id: string } }) => e.node.id));
        expect(data!.customers.totalCount).toBe(withShopify);
        if (!data!.customers.pageInfo.hasNextPage) break;
        after = data!.customers.pageInfo.endCursor;
      }
      expect(paged).toEqual(all.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id));
      expect([...paged].sort()).toEqual(paged);

      const both = await gql(hub.gatewayUrl, PAGE, { first: 100, filter: { hasIdentityKind: ['SHOPIFY', 'HUBSPOT'], source: 'HUBSPOT' } });
      expect(both.data!.customers.totalCount).toBe(world.people.filter((p) => p.shopify && p.hubspot).length);
      for (const edge of both.data!.customers.edges) expect(edge.node.sources).toContain('HUBSPOT');

      const domain = person.email.split('@')[1]!;
      const byDomain = await gql(hub.gatewayUrl, PAGE, { first: 100, filter: { emailDomain: `@${domain.toUpperCase()}` } });
      expect(byDomain.data!.customers.totalCount).toBe(world.people.filter((p) => p.email.endsWith(`@${domain}`)).length);

      const createdAts: string[] = all.data!.customers.edges.map((e: { node: { createdAt: string } }) => e.node.createdAt).sort();
      const middle = createdAts[Math.floor(createdAts.length / 2)]!;
      const later = await gql(hub.gatewayUrl, PAGE, { first: 100, filter: { hasIdentityKind: ['SHOPIFY'], createdAfter: middle } });
      const earlier = await gql(hub.gatewayUrl, PAGE, { first: 100, filter: { hasIdentityKind: ['SHOPIFY'], createdBefore: middle } });
      expect(later.data!.customers.totalCount + earlier.data!.customers.totalCount).toBe(withShopify);
      for (const edge of later.data!.customers.edges) expect(edge.node.createdAt >= middle).toBe(true);
    });

    it('refuses a malformed filter, page size or cursor with BAD_USER_INPUT', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ filter: { createdAfter: 'yesterday' } }, 'filter.createdAfter'],
        [{ filter: { createdAfter: '2026-05-01', createdBefore: '2026-04-01' } }, 'filter.createdAfter'],
        [{ filter: { emailDomain: 'not a domain' } }, 'filter.emailDomain'],
        [{ first: 101 }, 'first'],
        [{ first: -1 }, 'first'],
        [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
      ];
      for (const [variables, argument] of cases) {
        const { errors } = await gql(hub.gatewayUrl, PAGE, variables);
        expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      }
    });

    it('answers a merged-away id with its survivor, and shows the merge history', async () => {
      const older = await observe({
        source: 'shopify',
        sourceRecordId: 'merge-a',
        identities: [{ kind: 'EMAIL', value: 'merge.a@merge.example' }],
      });
      const newer = await observe({
        source: 'hubspot',
        sourceRecordId: 'merge-b',
        identities: [{ kind: 'PHONE', value: '+1 650 555 0142' }],
      });
      const link = await observe({
        source: 'klaviyo',
        sourceRecordId: 'merge-k',
        identities: [
          { kind: 'EMAIL', value: 'Merge.A@merge.example' },
          { kind: 'PHONE', value: '(650) 555-0142' },
        ],
      });
      expect(link.customerId).toBe(older.customerId);
      expect(link.absorbedIds).toEqual([newer.customerId]);

      const { data, errors } = await gql(
        hub.gatewayUrl,
        `query ($id: ID!) { customer(id: $id) { id mergedIds sources
        merges { survivorId absorbedId source sourceRecordId reason linkedBy { kind maskedValue } } } }`,
        { id: newer.customerId },
      );
      expect(errors).toBeUndefined();
      expect(data!.customer).toEqual({
        id: older.customerId,
        mergedIds: [newer.customerId],
        sources: ['HUBSPOT', 'KLAVIYO', 'SHOPIFY'],
        merges: [
          {
            survivorId: older.customerId,
            absorbedId: newer.customerId,
            source: 'KLAVIYO',
            sourceRecordId: 'merge-k',
            reason: 'klaviyo record merge-k links both through PHONE',
            linkedBy: [{ kind: 'PHONE', maskedValue: '+1******0142' }],
          },
        ],
      });
      const byPhone = await gql(hub.gatewayUrl, LOOKUP, { phone: '650.555.0142' });
      expect(byPhone.data!.customer.id).toBe(older.customerId);

      // Other subgraphs holding the old id reach the survivor through federation too.
      const entities = await subgraphPost(hub, 'customer', {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }',
        variables: { r: [{ __typename: 'Customer', id: newer.customerId }] },
      });
      expect(((await entities.json()) as { data: unknown }).data).toEqual({ _entities: [{ id: older.customerId }] });
    });

    it('lists a refused household merge, with its reason, on the query and on both customers', async () => {
      const first = await observe({
        source: 'shopify',
        sourceRecordId: 'house-1',
        identities: [
          { kind: 'SHOPIFY', value: 'gid://shopify/Customer/900001' },
          { kind: 'EMAIL', value: 'home@house.example' },
        ],
      });
      const second = await observe({
        source: 'shopify',
        sourceRecordId: 'house-2',
        identities: [
          { kind: 'SHOPIFY', value: 'gid://shopify/Customer/900002' },
          { kind: 'EMAIL', value: 'HOME@house.example' },
        ],
      });
      expect(second.customerId).not.toBe(first.customerId);

      const { data, errors } = await gql(
        hub.gatewayUrl,
        `{ identityConflicts(first: 10) { totalCount edges { node { id reason kind customerIds source sourceRecordId message linkedBy { kind } } } } }`,
      );
      expect(errors).toBeUndefined();
      const conflict = data!.identityConflicts.edges
        .map((e: { node: { sourceRecordId: string } }) => e.node)
        .find((n: { sourceRecordId: string }) => n.sourceRecordId === 'house-2');
      expect(conflict).toMatchObject({
        reason: 'KIND_LIMIT',
        kind: 'SHOPIFY',
        customerIds: [second.customerId, first.customerId],
        source: 'SHOPIFY',
        linkedBy: [{ kind: 'EMAIL' }],
      });
      expect(conflict.message).toContain('SHOPIFY');
      expect(conflict.message).not.toContain('house.example');

      for (const id of [first.customerId, second.customerId]) {
        const onCustomer = await gql(hub.gatewayUrl, `query ($id: ID!) { customer(id: $id) { identityConflicts { id } } }`, { id });
        expect(onCustomer.data!.customer.identityConflicts).toEqual([{ id: conflict.id }]);
      }
      const page = await gql(hub.gatewayUrl, `{ identityConflicts(first: 0) { totalCount pageInfo { hasNextPage } } }`);
      expect(page.data!.identityConflicts.totalCount).toBeGreaterThanOrEqual(1);
      expect(page.data!.identityConflicts.pageInfo.hasNextPage).toBe(true);
    });
  });
}
