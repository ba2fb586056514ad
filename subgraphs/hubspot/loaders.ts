/**
 * One DataLoader per HubSpot operation per request, each over the connector's batch form and the
 * shared cache (keys from `cacheKeyOf`, the ones webhook mapping invalidates): a list of fifty
 * customers costs one HubSpot call per operation, and none for what is cached. Every call carries
 * a deadline, so a slow HubSpot costs this field its answer, not the whole query.
 */
import type DataLoader from 'dataloader';
import { CONTACT_ENGAGEMENTS_ENTITY, ENGAGEMENT_ENTITY, HUBSPOT_ENTITIES } from '../../connectors/hubspot/cache-entities.js';
import type { CallOptions, HubSpotClient } from '../../connectors/hubspot/client.js';
import {
  DEAL_PROPERTIES,
  ENGAGEMENT_PROPERTIES,
  ENGAGEMENT_TYPES,
  type HubSpotEngagementType,
  type HubSpotObject,
  type HubSpotObjectType,
  type HubSpotOwner,
  type PublicStatus,
} from '../../connectors/hubspot/schemas.js';
import { normalizeEmail } from '../../connectors/unified/normalize.js';
import type { Cache } from '../../platform/cache/cache.js';
import { cachedLoader } from '../shared/cached-loader.js';
import { TTL } from './cache-policy.js';
import { createContactLoaders } from './contact-loader.js';

interface Associated {
  id: string;
  ids: string[];
}

export function createLoaders(client: HubSpotClient, cache: Cache, budgetMs: number) {
  const call = (): CallOptions => ({ deadline: Date.now() + budgetMs });
  const cached = <T>(entity: string, ttlSeconds: number, fetchMany: (ids: readonly string[]) => Promise<readonly T[]>, keyOf: (record: T) => string | undefined) =>
    cachedLoader<T>({ cache, vendor: 'hubspot', entity, ttlSeconds, negativeTtlSeconds: TTL.miss, fetchMany, keyOf });
  const associations = (to: HubSpotObjectType, entity: string) =>
    cached<Associated>(entity, TTL.associations, async (ids) => [...(await client.batchReadAssociations('contacts', to, ids, call()))].map(([id, list]) => ({ id, ids: list })), (a) => a.id);
  const objects = (type: HubSpotObjectType, entity: string, properties: readonly string[], ttl: number) =>
    cached<HubSpotObject>(entity, ttl, (ids) => client.batchReadObjects(type, ids, { properties }, call()), (r) => r.id);

  const contacts = createContactLoaders(client, cache, call);
  const engagementIds = Object.fromEntries(ENGAGEMENT_TYPES.map((t) => [t, associations(t, CONTACT_ENGAGEMENTS_ENTITY[t])])) as Record<HubSpotEngagementType, DataLoader<string, Associated | null>>;
  const engagements = Object.fromEntries(ENGAGEMENT_TYPES.map((t) => [t, objects(t, ENGAGEMENT_ENTITY[t], ENGAGEMENT_PROPERTIES[t], TTL.engagement)])) as Record<HubSpotEngagementType, DataLoader<string, HubSpotObject | null>>;

  return {
    /** Contacts by id; pass property names to read more than the hub's default set. */
    contacts,
    dealIds: associations('deals', HUBSPOT_ENTITIES.contactDeals),
    deals: objects('deals', HUBSPOT_ENTITIES.deal, DEAL_PROPERTIES, TTL.deal),
    engagementIds,
    engagements,
    /** A contact's subscription statuses, by contact id (HubSpot keys them by the contact's email). */
    subscriptions: cached<{ id: string; statuses: PublicStatus[] }>(
      HUBSPOT_ENTITIES.contactSubscriptions,
      TTL.subscriptions,
      async (contactIds) => {
        const found = (await contacts().loadMany(contactIds)).map((c) => (c instanceof Error || !c ? undefined : c));
        const emails = new Map(found.flatMap((c) => (c && normalizeEmail(c.properties.email) ? [[c.id, normalizeEmail(c.properties.email)!] as const] : [])));
        if (emails.size === 0) return [];
        const statuses = await client.batchReadSubscriptionStatuses([...new Set(emails.values())], call());
        return [...emails].map(([id, email]) => ({ id, statuses: statuses.get(email) ?? [] }));
      },
      (s) => s.id,
    ),
    /** Owners come from one list call (HubSpot has no batch read for them). */
    owners: cached<HubSpotOwner>('owner', TTL.owners, async (ids) => (await client.listOwners(call())).filter((o) => ids.includes(o.id)), (o) => o.id),
    account: cached<{ id: string; portalId: number; uiDomain: string }>('account', TTL.account, async () => [{ id: 'details', ...(await client.accountDetails(call())) }], (a) => a.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
