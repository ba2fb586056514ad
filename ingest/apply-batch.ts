/**
 * The one way a UnifiedBatch reaches the profile, whether it came from a webhook, a sync page or
 * the backfill: people are resolved first (each observation, then the identities each event and
 * consent names), then events, consents and outbound touches are appended per customer, cached
 * vendor reads of changed records are dropped, and erasures are handed to the erase hook.
 *
 * Every step is idempotent (identity resolution finds the owner it created before; the sinks
 * dedupe by event and record id; a cache delete of a missing key is a no-op), so a replayed or
 * re-synced batch changes nothing and a batch interrupted half-way can simply run again.
 */
import { cacheKeyOf, type UnifiedBatch } from '../connectors/unified/batch.js';
import type { ConsentRecord } from '../connectors/unified/consent.js';
import { OUTBOUND_TOUCH_TYPES, type UnifiedEvent } from '../connectors/unified/event.js';
import type { Identity, IdentityObservation } from '../connectors/unified/identity.js';
import type { Cache } from '../platform/cache/cache.js';
import type { ConsentSink, TimelineSink, TouchSink } from '../profile/customer-data.js';
import { recordObservedTimeZone } from '../profile/frequency/time-zone.js';
import type { TimeZoneTraits } from '../profile/frequency/time-zone-traits.js';
import type { IdentityResolver } from '../profile/identity/resolve-identity.js';

export type Erasure = NonNullable<UnifiedBatch['erasures']>[number];

export interface ApplyBatchDependencies {
  /** The hub's resolver: merges it makes move every per-customer store's data (createIdentityResolver). */
  resolver: Pick<IdentityResolver, 'resolve' | 'settleCustomer'>;
  timeline?: TimelineSink | undefined;
  consents?: ConsentSink | undefined;
  touches?: TouchSink | undefined;
  /** Where a time zone a vendor profile states is kept (quiet hours are the customer's own). */
  timeZones?: TimeZoneTraits | undefined;
  /** The vendor-read cache the subgraphs share; changed records are dropped from it. */
  cache?: Cache | undefined;
  /** Erases a person the vendor says asked for it (the profile's erasure, injected). */
  erase?: ((erasure: Erasure) => Promise<void>) | undefined;
}

export interface ApplyReport {
  observations: number;
  /** Observations, events or consents that named no usable identifier (blocked, malformed): skipped. */
  unresolved: number;
  /** Customers created by this batch. */
  created: number;
  /** Events appended that were not stored before (a replay appends 0). */
  events: number;
  consents: number;
  cacheKeysDropped: number;
  erasures: number;
  /** Erasures that arrived while no erase hook is wired: the caller must say so loudly. */
  erasuresUnhandled: number;
}

export type ApplyBatch = (batch: UnifiedBatch) => Promise<ApplyReport>;

/** Groups items by the customer their identities resolve to, in first-seen order. */
async function byCustomer<T extends { id: string; source: IdentityObservation['source']; occurredAt: string; identities: Identity[] }>(
  resolver: ApplyBatchDependencies['resolver'],
  items: readonly T[],
  report: ApplyReport,
): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const resolution = await resolver.resolve({
      source: item.source,
      sourceRecordId: item.id,
      identities: item.identities,
      observedAt: item.occurredAt,
    });
    if (resolution.created) report.created++;
    if (resolution.customerId === undefined) {
      report.unresolved++;
      continue;
    }
    const group = groups.get(resolution.customerId);
    if (group) group.push(item);
    else groups.set(resolution.customerId, [item]);
  }
  return groups;
}

export function createBatchApplier(deps: ApplyBatchDependencies): ApplyBatch {
  const { resolver } = deps;
  return async (batch) => {
    const report: ApplyReport = { observations: 0, unresolved: 0, created: 0, events: 0, consents: 0, cacheKeysDropped: 0, erasures: 0, erasuresUnhandled: 0 };

    for (const observation of batch.observations) {
      const resolution = await resolver.resolve(observation);
      report.observations++;
      if (resolution.created) report.created++;
      if (resolution.customerId === undefined) report.unresolved++;
      else if (deps.timeZones && observation.traits?.timeZone) await recordObservedTimeZone(deps.timeZones, resolution.customerId, observation);
    }

    const written = new Set<string>();
    if (batch.events.length > 0) {
      for (const [customerId, events] of await byCustomer<UnifiedEvent>(resolver, batch.events, report)) {
        if (deps.timeline) report.events += await deps.timeline.appendEvents(customerId, events);
        const touches = events.filter((event) => OUTBOUND_TOUCH_TYPES.has(event.type));
        if (deps.touches && touches.length > 0) await deps.touches.recordTouches(customerId, touches);
        written.add(customerId);
      }
    }

    if (batch.consents.length > 0 && deps.consents) {
      for (const [customerId, records] of await byCustomer<ConsentRecord>(resolver, batch.consents, report)) {
        report.consents += await deps.consents.appendConsents(customerId, records);
        written.add(customerId);
      }
    }
    // A merge that absorbed one of these customers while we wrote would strand what we just wrote.
    for (const customerId of written) await resolver.settleCustomer(customerId);

    if (batch.changed.length > 0 && deps.cache) {
      const keys = [...new Set(batch.changed.map(cacheKeyOf))];
      report.cacheKeysDropped = await deps.cache.delete(...keys);
    }

    for (const erasure of batch.erasures ?? []) {
      if (!deps.erase) {
        report.erasuresUnhandled++;
        continue;
      }
      await deps.erase(erasure);
      report.erasures++;
    }
    return report;
  };
}
