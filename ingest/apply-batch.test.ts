/**
 * applyBatch over the real memory adapters (identity store, timeline, cache): what one batch
 * writes, and that applying it again, or its parts in another order, writes nothing more.
 */
import { describe, expect, it } from 'vitest';
import { cacheKeyOf, emptyBatch, type UnifiedBatch } from '../connectors/unified/batch.js';
import type { UnifiedEvent } from '../connectors/unified/event.js';
import { MemoryCache } from '../platform/cache/memory-cache.js';
import { createStores, type Stores } from '../profile/store/create-stores.js';
import { createIdentityResolver } from '../profile/identity/resolve-identity.js';
import { createBatchApplier, type Erasure } from './apply-batch.js';

const email = { kind: 'EMAIL' as const, value: 'ana@mail.example' };
const shopify = { kind: 'SHOPIFY' as const, value: 'gid://shopify/Customer/1' };

const order: UnifiedEvent = {
  id: 'shopify:order:gid://shopify/Order/1',
  source: 'shopify',
  channel: 'COMMERCE',
  type: 'ORDER_PLACED',
  occurredAt: '2026-11-01T10:00:00.000Z',
  identities: [shopify, email],
  summary: 'Order #1001 placed: 1 item, 10.00 USD',
  details: { kind: 'order', orderId: 'gid://shopify/Order/1', total: { amount: '10.00', currencyCode: 'USD' }, itemCount: 1 },
};
const sent: UnifiedEvent = {
  id: 'klaviyo:event:1',
  source: 'klaviyo',
  channel: 'EMAIL',
  type: 'EMAIL_SENT',
  occurredAt: '2026-11-02T10:00:00.000Z',
  identities: [email],
  summary: 'Email sent: Winter sale',
  details: { kind: 'message', subject: 'Winter sale' },
};

const resolverOf = (stores: Stores) => createIdentityResolver({ store: stores.identities, customerData: stores.customerData });

function batch(parts: Partial<UnifiedBatch>): UnifiedBatch {
  return { ...emptyBatch(), ...parts };
}

describe('applyBatch', () => {
  it('resolves people, appends events, drops changed cache keys; again, it writes nothing', async () => {
    const stores = createStores({ redis: undefined });
    const cache = new MemoryCache();
    const changed = { vendor: 'shopify' as const, entity: 'customer', id: shopify.value };
    await cache.set(cacheKeyOf(changed), { stale: true }, 60);
    const apply = createBatchApplier({ resolver: resolverOf(stores), timeline: stores.timeline, cache });
    const input = batch({
      observations: [{ source: 'shopify', sourceRecordId: shopify.value, identities: [shopify, email], observedAt: order.occurredAt }],
      events: [order, sent],
      changed: [changed],
    });

    const first = await apply(input);
    expect(first).toMatchObject({ observations: 1, created: 1, events: 2, cacheKeysDropped: 1 });
    const customerId = (await stores.identities.findCustomerId(email))!;
    expect(await stores.identities.findCustomerId(shopify)).toBe(customerId);
    const page = await stores.timeline.page(customerId, { first: 10 });
    expect(page.edges.map((e) => e.node.id)).toEqual([sent.id, order.id]);
    expect(await cache.get(cacheKeyOf(changed))).toBeUndefined();

    const again = await apply(input);
    expect(again).toMatchObject({ created: 0, events: 0 });
    expect(await stores.timeline.count(customerId)).toBe(2);
  });

  it('counts outbound sends toward frequency and keeps the time zone a vendor profile states', async () => {
    const stores = createStores({ redis: undefined });
    const apply = createBatchApplier({ resolver: resolverOf(stores), timeline: stores.timeline, touches: stores.touches, timeZones: stores.timeZones });
    const klaviyo = { kind: 'KLAVIYO' as const, value: '01K' };
    await apply(
      batch({
        observations: [
          { source: 'klaviyo', sourceRecordId: '01K', identities: [klaviyo, email], observedAt: sent.occurredAt, traits: { timeZone: 'Europe/Berlin' } },
          { source: 'klaviyo', sourceRecordId: '01K', identities: [klaviyo], observedAt: sent.occurredAt, traits: { timeZone: 'Not/AZone' } },
        ],
        events: [order, sent],
      }),
    );
    const customerId = (await stores.identities.findCustomerId(email))!;
    expect(await stores.timeZones.timeZoneOf(customerId)).toBe('Europe/Berlin');
    // The email sent counts as a touch; the order is no outbound touch.
    expect((await stores.touches.touches(customerId)).map((t) => t.channel)).toEqual(['EMAIL']);
  });

  it('an event that arrives before the observation of its person gives the same customer and timeline', async () => {
    const inOrder = createStores({ redis: undefined });
    const reversed = createStores({ redis: undefined });
    const observation = batch({ observations: [{ source: 'shopify', sourceRecordId: shopify.value, identities: [shopify, email], observedAt: order.occurredAt }] });
    const events = batch({ events: [sent, order] });
    const applyInOrder = createBatchApplier({ resolver: resolverOf(inOrder), timeline: inOrder.timeline });
    const applyReversed = createBatchApplier({ resolver: resolverOf(reversed), timeline: reversed.timeline });
    await applyInOrder(observation);
    await applyInOrder(events);
    await applyReversed(events);
    await applyReversed(observation);
    const id = (await inOrder.identities.findCustomerId(email))!;
    expect(await reversed.identities.findCustomerId(email)).toBe(id);
    expect((await reversed.identities.getCustomer(id))!.identities).toEqual((await inOrder.identities.getCustomer(id))!.identities);
    expect(await reversed.timeline.page(id, { first: 10 })).toEqual(await inOrder.timeline.page(id, { first: 10 }));
  });

  it('hands erasures to the erase hook, and counts them as unhandled when none is wired', async () => {
    const stores = createStores({ redis: undefined });
    const erasure: Erasure = { vendor: 'shopify', identities: [shopify] };
    const erased: Erasure[] = [];
    const withHook = createBatchApplier({ resolver: resolverOf(stores), erase: async (e) => void erased.push(e) });
    expect(await withHook(batch({ erasures: [erasure] }))).toMatchObject({ erasures: 1, erasuresUnhandled: 0 });
    expect(erased).toEqual([erasure]);
    const without = createBatchApplier({ resolver: resolverOf(stores) });
    expect(await without(batch({ erasures: [erasure] }))).toMatchObject({ erasures: 0, erasuresUnhandled: 1 });
  });
});
