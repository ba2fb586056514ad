/**
 * Klaviyo events (a sync page or a webhook delivery) as one unified batch: timeline events,
 * consent records from consent metrics, identity observations from included profiles, and the
 * cached records each touched profile invalidates.
 */
import { emptyBatch, type UnifiedBatch } from '../../unified/batch.js';
import { changedProfile } from '../cache-entities.js';
import type { KlaviyoEventRecord, KlaviyoProfile } from '../schemas.js';
import { consentRecordFromEvent, consentRecordsFromProfile } from './to-consent-records.js';
import { toIdentityObservation } from './to-identity-observation.js';
import { toUnifiedEvent } from './to-unified-event.js';

export function eventsToBatch(records: readonly KlaviyoEventRecord[]): UnifiedBatch {
  const batch = emptyBatch();
  const profiles = new Map<string, KlaviyoProfile | undefined>();
  for (const record of records) {
    const event = toUnifiedEvent(record);
    if (event) batch.events.push(event);
    const consent = consentRecordFromEvent(record);
    if (consent) batch.consents.push(consent);
    const profileId = record.event.relationships?.profile?.data?.id;
    if (profileId) profiles.set(profileId, record.profile ?? profiles.get(profileId));
  }
  for (const [id, profile] of profiles) {
    if (profile) batch.observations.push(toIdentityObservation(profile));
    batch.changed.push(...changedProfile(id));
  }
  return batch;
}

export function profilesToBatch(profiles: readonly KlaviyoProfile[]): UnifiedBatch {
  const batch = emptyBatch();
  for (const profile of profiles) {
    batch.observations.push(toIdentityObservation(profile));
    batch.consents.push(...consentRecordsFromProfile(profile));
    batch.changed.push(...changedProfile(profile.id));
  }
  return batch;
}
