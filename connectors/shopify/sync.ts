/**
 * Incremental sync of Shopify customers, orders and abandoned checkouts on `updated_at`.
 *
 * Each stream runs in passes. A pass reads every record with `updated_at >= since − lookback`
 * page by page and saves `{ since, after, passStartedAt }` after each page, so a crash resumes at
 * the next page of the same pass. When a pass reaches the last page, the next pass starts from
 * the instant this one began: a record updated while the pass ran is read again next time
 * whatever its place in the sort order (abandoned checkouts can only be sorted by id), and the
 * lookback covers Shopify's search index catching up with recent writes. Re-reads are harmless:
 * every record maps to the same event and consent ids.
 * @see https://shopify.dev/docs/api/usage/search-syntax
 */
import { z } from 'zod';
import { emptyBatch, type UnifiedBatch } from '../unified/batch.js';
import type { SyncProgress, SyncRunOptions, VendorSync } from '../unified/contracts.js';
import type { ShopifyClient } from './client.js';
import { changed } from './mappers/changed.js';
import { checkoutFactsFromGraphql, consentFactsFromGraphql, customerFactsFromGraphql, orderFactsFromGraphql } from './mappers/from-graphql.js';
import { identitiesOf } from './mappers/identities.js';
import { toCheckoutAbandonedEvent, toCheckoutStartedEvent, toOrderPlacedEvent, toProfileCreatedEvent } from './mappers/to-commerce-events.js';
import { toConsentEvent, toConsentRecord } from './mappers/to-consent.js';
import { customerObservation } from './mappers/to-identity-observation.js';
import { pagesOf, type Page } from './paging.js';
import type { ShopifyCheckout, ShopifyCustomer, ShopifyOrder } from './schemas.js';

export const SHOPIFY_STREAMS = ['customers', 'orders', 'abandoned_checkouts'] as const;
export type ShopifyStream = (typeof SHOPIFY_STREAMS)[number];

export interface ShopifySyncOptions {
  client: ShopifyClient;
  /** How far before the saved instant each pass starts reading. @default 10 minutes */
  lookbackMs?: number;
  /** Records per page, per stream (defaults: as many as fit under 1000 points). */
  pageSize?: Partial<Record<ShopifyStream, number>>;
  now?: () => number;
}

const CheckpointSchema = z.object({
  since: z.string().nullable(),
  after: z.string().nullable(),
  passStartedAt: z.string().nullable(),
});
type Checkpoint = z.infer<typeof CheckpointSchema>;

export const checkpointKey = (stream: ShopifyStream) => `shopify:sync:${stream}`;

function readCheckpoint(raw: string | undefined): Checkpoint {
  const parsed = raw === undefined ? undefined : CheckpointSchema.safeParse(JSON.parse(raw));
  return parsed?.success ? parsed.data : { since: null, after: null, passStartedAt: null };
}

function mapCustomers(customers: ShopifyCustomer[]): UnifiedBatch {
  const batch = emptyBatch();
  for (const customer of customers) {
    const facts = customerFactsFromGraphql(customer);
    batch.observations.push(customerObservation(facts));
    // What the customers/create webhook says, so a customer first met by a sync has it too.
    batch.events.push(toProfileCreatedEvent(facts));
    for (const consent of consentFactsFromGraphql(customer)) {
      batch.consents.push(toConsentRecord(consent));
      batch.events.push(toConsentEvent(consent));
    }
    batch.changed.push(changed('customer', customer.id));
  }
  return batch;
}

function mapOrders(orders: ShopifyOrder[]): UnifiedBatch {
  const batch = emptyBatch();
  for (const order of orders) {
    const facts = orderFactsFromGraphql(order);
    if (identitiesOf(facts).length === 0) continue; // a guest order that names nobody
    batch.events.push(toOrderPlacedEvent(facts));
    if (facts.customerId) {
      batch.observations.push({ source: 'shopify', sourceRecordId: facts.orderId, observedAt: new Date(order.updatedAt).toISOString(), identities: identitiesOf(facts) });
      batch.changed.push(changed('orders', facts.customerId));
    }
  }
  return batch;
}

function mapCheckouts(checkouts: ShopifyCheckout[]): UnifiedBatch {
  const batch = emptyBatch();
  for (const checkout of checkouts) {
    const facts = checkoutFactsFromGraphql(checkout);
    if (identitiesOf(facts).length === 0) continue;
    batch.events.push(toCheckoutStartedEvent(facts), toCheckoutAbandonedEvent(facts));
    if (facts.customerId) batch.changed.push(changed('checkouts', facts.customerId));
  }
  return batch;
}

export function createShopifySync(options: ShopifySyncOptions): VendorSync {
  const { client } = options;
  const lookbackMs = options.lookbackMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;

  const readers: Record<ShopifyStream, (query: string | null, after: string | null) => Promise<{ page: Page<unknown>; batch: UnifiedBatch }>> = {
    customers: async (query, after) => {
      const page = await client.customersPage(query, after, options.pageSize?.customers);
      return { page, batch: mapCustomers(page.nodes) };
    },
    orders: async (query, after) => {
      const page = await client.ordersPage(query, after, options.pageSize?.orders);
      return { page, batch: mapOrders(page.nodes) };
    },
    abandoned_checkouts: async (query, after) => {
      const page = await client.checkoutsPage(query, after, options.pageSize?.abandoned_checkouts);
      return { page, batch: mapCheckouts(page.nodes) };
    },
  };

  async function runStream(stream: ShopifyStream, run: SyncRunOptions): Promise<SyncProgress> {
    const key = checkpointKey(stream);
    const saved = run.full ? readCheckpoint(undefined) : readCheckpoint(await run.checkpoints.get(key));
    const passStartedAt = saved.passStartedAt ?? new Date(now()).toISOString();
    const query = saved.since ? `updated_at:>='${new Date(Date.parse(saved.since) - lookbackMs).toISOString()}'` : null;
    const progress: SyncProgress = { vendor: 'shopify', stream, records: 0 };
    let batch = emptyBatch();
    const read = (after: string | null) => readers[stream](query, after).then((r) => ((batch = r.batch), r.page));
    for await (const page of pagesOf(read, saved.after)) {
      await run.sink(batch);
      progress.records += page.nodes.length;
      const done = !page.pageInfo.hasNextPage || !page.pageInfo.endCursor;
      const next: Checkpoint = done
        ? { since: passStartedAt, after: null, passStartedAt: null }
        : { since: saved.since, after: page.pageInfo.endCursor, passStartedAt };
      await run.checkpoints.set(key, JSON.stringify(next));
      run.onProgress?.({ ...progress });
      if (!done && run.signal?.aborted) break;
    }
    return progress;
  }

  return {
    vendor: 'shopify',
    streams: SHOPIFY_STREAMS,
    async run(run) {
      const progress: SyncProgress[] = [];
      for (const stream of SHOPIFY_STREAMS) {
        if (run.signal?.aborted) break;
        progress.push(await runStream(stream, run));
      }
      return progress;
    },
  };
}

export { mapCheckouts, mapCustomers, mapOrders };
