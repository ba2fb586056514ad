/**
 * Placing hub customers in a Meta custom audience, with consent: a person is uploaded only with
 * AD_USER_DATA granted (and AD_PERSONALIZATION too when the audience is for targeting rather than
 * exclusion); a person any of whose hashes is suppressed (withdrawn or erased before) is never
 * uploaded again; everyone refused or skipped is reported with the reason. Each placement is
 * recorded in the audience ledger with when and why, and returned as AUDIENCE_JOINED events
 * (AUDIENCE_LEFT for people a replace takes out).
 */
import type { UnifiedBatch } from '../unified/batch.js';
import { emptyBatch } from '../unified/batch.js';
import type { ConsentStatus } from '../unified/consent.js';
import type { AudienceMembershipLedger } from '../unified/contracts.js';
import type { UnifiedEvent } from '../unified/event.js';
import type { Identity } from '../unified/identity.js';
import type { MetaAudiencesApi, UploadSummary } from './audiences-api.js';
import { hashedIdentifiers, uploadRows } from './hashing.js';
import { toAudienceEvent } from './mappers/to-audience-event.js';

export interface AudienceCandidate {
  customerId: string;
  identities: readonly Identity[];
  /** The person's current ad consent, as the hub's consent ledger derives it. */
  consent: { AD_USER_DATA: ConsentStatus; AD_PERSONALIZATION: ConsentStatus };
}

export interface AudienceSyncRequest {
  /** An existing audience, or one to create. */
  audience: { id: string; name: string } | { create: { name: string; description?: string } };
  /** Why the hub places these people (segment or campaign); recorded with every placement. */
  reason: string;
  candidates: readonly AudienceCandidate[];
  /** `targeting` (default) needs both ad consents; `exclusion` lists only need AD_USER_DATA. */
  purpose?: 'targeting' | 'exclusion';
  /** `add` (default) adds the eligible; `replace` makes them the audience's whole membership. */
  mode?: 'add' | 'replace';
}

export type RefusalReason = 'AD_USER_DATA_NOT_GRANTED' | 'AD_PERSONALIZATION_NOT_GRANTED' | 'SUPPRESSED' | 'NO_MATCHABLE_IDENTIFIER';

export interface AudienceSyncReport {
  audienceId: string;
  audienceName: string;
  uploaded: string[];
  refused: { customerId: string; reason: RefusalReason }[];
  /** People a replace took out (no longer eligible or no longer listed). */
  removed: string[];
  upload: UploadSummary | undefined;
  /** AUDIENCE_JOINED / AUDIENCE_LEFT events for the profile's timeline. */
  batch: UnifiedBatch;
}

export interface MetaAudienceSync {
  sync(request: AudienceSyncRequest): Promise<AudienceSyncReport>;
}

export function createMetaAudienceSync(deps: {
  client: MetaAudiencesApi;
  ledger: AudienceMembershipLedger;
  now?: () => number;
}): MetaAudienceSync {
  const now = deps.now ?? Date.now;
  return {
    async sync(request) {
      if (request.reason.trim() === '') throw new RangeError('an audience sync needs a reason');
      const purpose = request.purpose ?? 'targeting';
      const refused: AudienceSyncReport['refused'] = [];
      const eligible: AudienceCandidate[] = [];
      for (const candidate of dedupe(request.candidates)) {
        const reason = consentRefusal(candidate, purpose);
        if (reason) refused.push({ customerId: candidate.customerId, reason });
        else eligible.push(candidate);
      }

      // One suppression lookup for every eligible person's hashes.
      const hashes = eligible.map((c) => hashedIdentifiers(c.identities));
      const flat = hashes.flatMap((h) => [...h.emails, ...h.phones]);
      const flags = await deps.ledger.isSuppressed(flat);
      const suppressed = new Set(flat.filter((_, i) => flags[i]));
      const uploadable = eligible.filter((candidate, i) => {
        const mine = [...hashes[i]!.emails, ...hashes[i]!.phones];
        if (mine.some((h) => suppressed.has(h))) refused.push({ customerId: candidate.customerId, reason: 'SUPPRESSED' });
        else if (mine.length === 0) refused.push({ customerId: candidate.customerId, reason: 'NO_MATCHABLE_IDENTIFIER' });
        else return true;
        return false;
      });

      const audience = 'id' in request.audience ? request.audience : { ...(await deps.client.createCustomAudience(request.audience.create)), name: request.audience.create.name };
      const mode = request.mode ?? 'add';
      const rows = uploadable.flatMap((c) => uploadRows(c.customerId, c.identities));
      const upload =
        rows.length > 0 ? await deps.client.uploadUsers(mode === 'replace' ? 'replace' : 'add', audience.id, rows) : undefined;

      const at = new Date(now()).toISOString();
      const batch = emptyBatch();
      const event = (e: UnifiedEvent | undefined) => e && batch.events.push(e);
      for (const candidate of uploadable) {
        const membership = { platform: 'meta' as const, audienceId: audience.id, audienceName: audience.name, customerId: candidate.customerId, joinedAt: at, reason: request.reason };
        await deps.ledger.joined(membership);
        event(toAudienceEvent('JOINED', membership, candidate.identities, at));
      }

      const removed: string[] = [];
      if (mode === 'replace') {
        const kept = new Set(uploadable.map((c) => c.customerId));
        const identitiesOf = new Map(request.candidates.map((c) => [c.customerId, c.identities]));
        const leaving = (await deps.ledger.membersOf('meta', audience.id)).filter((id) => !kept.has(id));
        // usersreplace takes out everyone not uploaded; with nobody to upload, remove them by their ids.
        if (!upload && leaving.length > 0) {
          await deps.client.uploadUsers('remove', audience.id, leaving.flatMap((id) => uploadRows(id, identitiesOf.get(id) ?? [])));
        }
        for (const customerId of leaving) {
          await deps.ledger.left('meta', audience.id, customerId, at);
          removed.push(customerId);
          event(toAudienceEvent('LEFT', { audienceId: audience.id, audienceName: audience.name, customerId, reason: request.reason }, identitiesOf.get(customerId) ?? [], at));
        }
      }
      return { audienceId: audience.id, audienceName: audience.name, uploaded: uploadable.map((c) => c.customerId), refused, removed, upload, batch };
    },
  };
}

function consentRefusal(candidate: AudienceCandidate, purpose: 'targeting' | 'exclusion'): RefusalReason | undefined {
  if (candidate.consent.AD_USER_DATA !== 'GRANTED') return 'AD_USER_DATA_NOT_GRANTED';
  if (purpose === 'targeting' && candidate.consent.AD_PERSONALIZATION !== 'GRANTED') return 'AD_PERSONALIZATION_NOT_GRANTED';
  return undefined;
}

function dedupe(candidates: readonly AudienceCandidate[]): AudienceCandidate[] {
  const byId = new Map<string, AudienceCandidate>();
  for (const c of candidates) if (!byId.has(c.customerId)) byId.set(c.customerId, c);
  return [...byId.values()];
}
