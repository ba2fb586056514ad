/**
 * The incremental sync against the sandbox over HTTP: every stream to its last page with a
 * checkpoint after each page, resume after a crash, incremental passes, and no record lost when
 * it changes while a pass runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShopifySandbox, type RunningShopify } from '../../test/support/shopify-sandbox.js';
import { mergeBatches, type UnifiedBatch } from '../unified/batch.js';
import type { CheckpointStore } from '../unified/contracts.js';
import { checkpointKey, createShopifySync } from './sync.js';

class MemoryCheckpoints implements CheckpointStore {
  readonly values = new Map<string, string>();
  writes = 0;
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.writes++;
    this.values.set(key, value);
  }
}

let shop: RunningShopify;
beforeEach(async () => {
  shop = await startShopifySandbox({ controls: { throttling: false } });
});
afterEach(async () => shop?.close());

const pageSize = { customers: 5, orders: 7, abandoned_checkouts: 3 };
const syncOf = () => createShopifySync({ client: shop.client(), pageSize });
const collect = () => {
  const batches: UnifiedBatch[] = [];
  return { batches, sink: async (batch: UnifiedBatch) => void batches.push(batch), all: () => mergeBatches(batches) };
};
const typesOf = (batch: UnifiedBatch) => batch.events.reduce<Record<string, number>>((n, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }), {});

describe('Shopify incremental sync', () => {
  it('reads every stream to the last page, saving a checkpoint after every page', async () => {
    const shoppers = shop.world.people.filter((p) => p.shopify);
    const orders = shoppers.flatMap((p) => p.shopify!.orders);
    const checkouts = shoppers.flatMap((p) => p.shopify!.abandonedCheckouts);
    const checkpoints = new MemoryCheckpoints();
    const { batches, sink, all } = collect();
    const progress = await syncOf().run({ checkpoints, sink });

    expect(progress).toEqual([
      { vendor: 'shopify', stream: 'customers', records: shoppers.length },
      { vendor: 'shopify', stream: 'orders', records: orders.length },
      { vendor: 'shopify', stream: 'abandoned_checkouts', records: checkouts.length },
    ]);
    const pages = Math.ceil(shoppers.length / 5) + Math.ceil(orders.length / 7) + Math.ceil(checkouts.length / 3);
    expect(batches).toHaveLength(pages);
    expect(checkpoints.writes).toBe(pages);
    const batch = all();
    expect(batch.observations.filter((o) => o.sourceRecordId.includes('/Customer/'))).toHaveLength(shoppers.length);
    expect(typesOf(batch)).toMatchObject({ ORDER_PLACED: orders.length, CHECKOUT_STARTED: checkouts.length, CHECKOUT_ABANDONED: checkouts.length });
    expect(batch.consents.filter((c) => c.topic === 'EMAIL_MARKETING')).toHaveLength(shoppers.length);
    expect(batch.consents.filter((c) => c.topic === 'SMS_MARKETING')).toHaveLength(shoppers.filter((p) => p.shopify!.phone).length);
    for (const stream of ['customers', 'orders', 'abandoned_checkouts'] as const) {
      expect(JSON.parse(checkpoints.values.get(checkpointKey(stream))!)).toMatchObject({ after: null, passStartedAt: null, since: expect.any(String) });
    }
  });

  it('resumes after a crash at the page after the last saved checkpoint', async () => {
    const checkpoints = new MemoryCheckpoints();
    let pagesSunk = 0;
    const crashing = async () => {
      if (++pagesSunk === 3) throw new Error('the store went away');
    };
    await expect(syncOf().run({ checkpoints, sink: crashing })).rejects.toThrow('the store went away');
    const saved = JSON.parse(checkpoints.values.get(checkpointKey('customers'))!);
    expect(saved.after).toEqual(expect.any(String));

    shop.sandbox.operations.clear();
    const { sink, all } = collect();
    const progress = await syncOf().run({ checkpoints, sink });
    const shoppers = shop.world.people.filter((p) => p.shopify).length;
    // Pages 1 and 2 (10 customers) were sunk before the crash; the resumed pass starts at page 3.
    expect(progress[0]!.records).toBe(shoppers - 10);
    expect(shop.operations()['CustomersPage']).toBe(Math.ceil((shoppers - 10) / 5));
    expect(all().observations.filter((o) => o.sourceRecordId.includes('/Customer/')).length).toBe(shoppers - 10);
  });

  it('reads only what changed since the last pass, with the lookback overlap', async () => {
    const checkpoints = new MemoryCheckpoints();
    await syncOf().run({ checkpoints, sink: async () => {} });
    const { body } = await shop.action('orders', { customerId: 'gid://shopify/Customer/7000000000001' });
    const { sink, all } = collect();
    const progress = await syncOf().run({ checkpoints, sink });
    expect(progress.map((p) => p.records)).toEqual([1, 1, 0]);
    expect(all().events.filter((e) => e.type === 'ORDER_PLACED').map((e) => e.id)).toEqual([`shopify:order:${body.orderId}`]);
  });

  it('never skips a record updated while a pass runs, whatever its place in the sort order', async () => {
    const checkpoints = new MemoryCheckpoints();
    // No lookback: only the pass rule itself can keep the record.
    const sync = createShopifySync({ client: shop.client(), pageSize, lookbackMs: 0 });
    // Abandoned checkouts can only be sorted by id: complete one the pass has already read,
    // then abandon a newer one (read later in the same pass, with a later update time).
    const passed = shop.world.people.flatMap((p) => p.shopify?.abandonedCheckouts ?? []).filter((c) => !c.completedAt)[0]!;
    let pages = 0;
    await sync.run({
      checkpoints,
      sink: async (batch) => {
        const isCheckoutPage = batch.events.some((e) => e.type === 'CHECKOUT_ABANDONED');
        if (!isCheckoutPage || ++pages !== 2) return;
        await shop.action(`checkouts/${passed.token}/complete`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const { body } = await shop.action('checkouts', { customerId: 'gid://shopify/Customer/7000000000001' });
        await shop.action(`checkouts/${body.token}/abandon`);
      },
    });
    const next = collect();
    await sync.run({ checkpoints, sink: next.sink });
    expect(next.all().events.map((e) => e.id)).toContain(`shopify:checkout:${passed.token}:abandoned`);
  });

  it('stops between pages when aborted, keeping its place', async () => {
    const checkpoints = new MemoryCheckpoints();
    const controller = new AbortController();
    const progress = await syncOf().run({ checkpoints, signal: controller.signal, sink: async () => controller.abort() });
    expect(progress).toEqual([{ vendor: 'shopify', stream: 'customers', records: 5 }]);
    expect(JSON.parse(checkpoints.values.get(checkpointKey('customers'))!).after).toEqual(expect.any(String));
  });
});
