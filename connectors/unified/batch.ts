/**
 * What a connector hands the profile after reading a webhook delivery or a page of a sync:
 * identity observations, timeline events, consent records, and the vendor records that changed
 * (so that cached reads of them are dropped).
 */
import type { ConsentRecord } from './consent.js';
import type { UnifiedEvent } from './event.js';
import type { IdentityObservation } from './identity.js';

export interface ChangedRecord {
  vendor: 'hubspot' | 'shopify' | 'klaviyo' | 'meta' | 'google-ads';
  /** The vendor's record kind as the cache keys it: `contact`, `customer`, `profile`, `lead`, ... */
  entity: string;
  id: string;
}

export interface UnifiedBatch {
  observations: IdentityObservation[];
  events: UnifiedEvent[];
  consents: ConsentRecord[];
  changed: ChangedRecord[];
  /** Vendor records the person asked to be erased from (Shopify `customers/redact`, HubSpot privacy deletion). */
  erasures?: { vendor: ChangedRecord['vendor']; identities: IdentityObservation['identities'] }[];
}

export const emptyBatch = (): UnifiedBatch => ({ observations: [], events: [], consents: [], changed: [] });

export function mergeBatches(batches: readonly UnifiedBatch[]): UnifiedBatch {
  const out = emptyBatch();
  for (const b of batches) {
    out.observations.push(...b.observations);
    out.events.push(...b.events);
    out.consents.push(...b.consents);
    out.changed.push(...b.changed);
    if (b.erasures?.length) (out.erasures ??= []).push(...b.erasures);
  }
  return out;
}

/** The cache key of a vendor record: subgraph caches store under it, ingest deletes it on change. */
export const cacheKeyOf = (record: ChangedRecord): string => `vendor:${record.vendor}:${record.entity}:${record.id}`;
