/**
 * Contacts by id, with the properties a request asks for, behind the shared cache. One cache
 * entry per contact (the key webhooks invalidate) keeps every property read so far and which
 * names were read, so a later request for other properties adds to the entry instead of missing
 * it, and names HubSpot does not know are not asked for again and again.
 */
import DataLoader from 'dataloader';
import { HUBSPOT_ENTITIES } from '../../connectors/hubspot/cache-entities.js';
import type { CallOptions, HubSpotClient } from '../../connectors/hubspot/client.js';
import { CONTACT_PROPERTIES, type HubSpotObject } from '../../connectors/hubspot/schemas.js';
import { cacheKeyOf } from '../../connectors/unified/batch.js';
import type { Cache } from '../../platform/cache/cache.js';
import { TTL } from './cache-policy.js';

interface CachedContact {
  value: (HubSpotObject & { fetchedProperties: string[] }) | null;
}

const keyOf = (id: string) => cacheKeyOf({ vendor: 'hubspot', entity: HUBSPOT_ENTITIES.contact, id });

/** One DataLoader per distinct set of property names within a request (usually just the default set). */
export function createContactLoaders(client: HubSpotClient, cache: Cache, call: () => CallOptions) {
  const loaders = new Map<string, DataLoader<string, HubSpotObject | null>>();
  return (extra: readonly string[] = []): DataLoader<string, HubSpotObject | null> => {
    const names = [...new Set([...CONTACT_PROPERTIES, ...extra])].sort();
    const key = names.join(',');
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = new DataLoader((ids) => loadContacts(client, cache, call, ids, names))));
    return loader;
  };
}

async function loadContacts(client: HubSpotClient, cache: Cache, call: () => CallOptions, ids: readonly string[], names: string[]) {
  const cached = await cache.getMany<CachedContact>(ids.map(keyOf));
  const covers = (slot: CachedContact | undefined) => slot !== undefined && (slot.value === null || names.every((n) => slot.value!.fetchedProperties.includes(n)));
  const missing = ids.filter((_, i) => !covers(cached[i]));
  const fresh = new Map<string, CachedContact>();
  if (missing.length > 0) {
    const records = await client.batchReadObjects('contacts', missing, { properties: names }, call());
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const [i, id] of ids.entries()) {
      if (!missing.includes(id)) continue;
      const record = byId.get(id);
      const before = cached[i]?.value;
      fresh.set(id, {
        value: record
          ? { ...record, properties: { ...before?.properties, ...record.properties }, fetchedProperties: [...new Set([...(before?.fetchedProperties ?? []), ...names])] }
          : null,
      });
    }
    await cache.setMany([...fresh].map(([id, slot]) => ({ key: keyOf(id), value: slot, ttlSeconds: slot.value ? TTL.contact : TTL.miss })));
  }
  return ids.map((id, i) => {
    const slot = fresh.get(id) ?? cached[i];
    if (!slot?.value) return null;
    const { fetchedProperties: _fetched, ...contact } = slot.value;
    return contact;
  });
}
