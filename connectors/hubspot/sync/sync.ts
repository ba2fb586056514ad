/**
 * Incremental sync of HubSpot: for each stream (contacts, deals, emails, calls, notes) every
 * record modified since the stream's checkpoint, read through CRM search by last-modified time,
 * oldest first, and mapped to unified records. The checkpoint is saved after each page the sink
 * accepted, so a crash resumes where it stopped. Each run reads up to the instant it started (a
 * record modified during the run is read by the next one) and starts a lookback before the
 * checkpoint, because HubSpot's search index trails writes: a record modified just before the
 * last run's end may only have become searchable after it.
 * @see https://developers.hubspot.com/docs/guides/api/crm/search
 */
import { emptyBatch, type UnifiedBatch } from '../../unified/batch.js';
import type { SyncProgress, SyncRunOptions, VendorSync } from '../../unified/contracts.js';
import type { Identity } from '../../unified/identity.js';
import { normalizeEmail } from '../../unified/normalize.js';
import { changed, ENGAGEMENT_ENTITY, HUBSPOT_ENTITIES } from '../cache-entities.js';
import type { HubSpotClient } from '../client.js';
import { statusesToConsent } from '../mappers/to-consent.js';
import { toIdentityObservation } from '../mappers/to-identity-observation.js';
import { contactCreatedEvent, dealHistoryEvents, engagementToEvents, lifecycleHistoryEvents } from '../mappers/to-unified-event.js';
import type { MarketingSubscriptionsReader } from '../marketing-subscriptions.js';
import { CONTACT_PROPERTIES, DEAL_PROPERTIES, ENGAGEMENT_PROPERTIES, type HubSpotEngagementType, type HubSpotObject } from '../schemas.js';
import { modifiedSince } from './modified-since.js';

export const HUBSPOT_STREAMS = ['contacts', 'deals', 'emails', 'calls', 'notes'] as const;
export type HubSpotStream = (typeof HUBSPOT_STREAMS)[number];

export interface HubSpotSyncOptions {
  client: HubSpotClient;
  marketing: MarketingSubscriptionsReader;
  /** Records per search page (HubSpot allows 200; batch reads take 100). @default 100 */
  pageSize?: number;
  /** How far before the checkpoint each run starts again. @default 5 minutes */
  lookbackMs?: number;
  now?: () => number;
  streams?: readonly HubSpotStream[];
}

interface Checkpoint {
  resumeFrom: number;
}

export function createHubSpotSync(options: HubSpotSyncOptions): VendorSync {
  const { client } = options;
  const pageSize = options.pageSize ?? 100;
  const lookbackMs = options.lookbackMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const streams = options.streams ?? HUBSPOT_STREAMS;

  const mapPage = async (stream: HubSpotStream, found: HubSpotObject[]): Promise<UnifiedBatch> => {
    const ids = found.map((r) => r.id);
    const batch = emptyBatch();
    if (stream === 'contacts') {
      const contacts = await client.batchReadObjects('contacts', ids, { properties: CONTACT_PROPERTIES, propertiesWithHistory: ['lifecyclestage'] });
      const emailOf = new Map(contacts.map((c) => [c.id, normalizeEmail(c.properties.email)]));
      const emails = [...new Set([...emailOf.values()].filter((e): e is string => e !== undefined))];
      const [statuses, marketing] = await Promise.all([client.batchReadSubscriptionStatuses(emails), options.marketing()]);
      for (const contact of contacts) {
        batch.observations.push(toIdentityObservation(contact));
        batch.events.push(...lifecycleHistoryEvents(contact));
        const created = contactCreatedEvent(contact); // as the contact.creation webhook says it
        if (created) batch.events.push(created);
        const email = emailOf.get(contact.id);
        const identities: Identity[] = [{ kind: 'HUBSPOT', value: contact.id }, ...(email ? [{ kind: 'EMAIL' as const, value: email }] : [])];
        if (email) batch.consents.push(...statusesToConsent(identities, contact.id, statuses.get(email) ?? [], marketing));
        batch.changed.push(changed(HUBSPOT_ENTITIES.contact, contact.id), changed(HUBSPOT_ENTITIES.contactSubscriptions, contact.id));
      }
    } else if (stream === 'deals') {
      const [deals, contactsOf] = await Promise.all([
        client.batchReadObjects('deals', ids, { properties: DEAL_PROPERTIES, propertiesWithHistory: ['dealstage'] }),
        client.batchReadAssociations('deals', 'contacts', ids),
      ]);
      for (const deal of deals) {
        batch.events.push(...dealHistoryEvents(deal, contactsOf.get(deal.id) ?? []));
        batch.changed.push(changed(HUBSPOT_ENTITIES.deal, deal.id));
      }
    } else {
      const contactsOf = await client.batchReadAssociations(stream, 'contacts', ids);
      for (const record of found) {
        batch.events.push(...engagementToEvents(stream, record, contactsOf.get(record.id) ?? []));
        batch.changed.push(changed(ENGAGEMENT_ENTITY[stream], record.id));
      }
    }
    return batch;
  };

  const searchProperties = (stream: HubSpotStream): readonly string[] =>
    stream === 'contacts' || stream === 'deals' ? [] : ENGAGEMENT_PROPERTIES[stream as HubSpotEngagementType];

  return {
    vendor: 'hubspot',
    streams,
    async run(run: SyncRunOptions): Promise<SyncProgress[]> {
      const to = now();
      const progress: SyncProgress[] = [];
      for (const stream of streams) {
        const key = `hubspot:${stream}`;
        const saved = run.full ? undefined : await run.checkpoints.get(key);
        const from = saved ? Math.max(0, (JSON.parse(saved) as Checkpoint).resumeFrom - lookbackMs) : 0;
        const report: SyncProgress = { vendor: 'hubspot', stream, records: 0 };
        for await (const page of modifiedSince(client, { type: stream, from, to, pageSize, properties: searchProperties(stream) })) {
          run.signal?.throwIfAborted();
          await run.sink(await mapPage(stream, page.records));
          await run.checkpoints.set(key, JSON.stringify({ resumeFrom: page.resumeFrom } satisfies Checkpoint));
          report.records += page.records.length;
          run.onProgress?.({ ...report });
        }
        // Everything modified up to the run's start is read: the next run starts there (less the lookback).
        await run.checkpoints.set(key, JSON.stringify({ resumeFrom: to } satisfies Checkpoint));
        progress.push(report);
      }
      return progress;
    },
  };
}
