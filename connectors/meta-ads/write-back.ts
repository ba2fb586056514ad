/**
 * Meta write-back: Meta keeps no consent state per person, so withdrawing ad consent (either AD_*
 * topic, DENIED or UNKNOWN) or erasing a person means taking them out of every audience the hub
 * placed them in (the ledger is the only record of that: Meta never lists members) and suppressing
 * their hashes so no later sync uploads them again. Suppression is written first, so a sync
 * racing the removal cannot re-add them. Removal matches on the hub's customer id (EXTERN_ID) as
 * well as hashed email and phone, so it works even for identifiers the hub no longer holds.
 * A failure is a retryable VendorError: the outbox retries, and what was done is not redone.
 */
import { isVendorError } from '../http/errors.js';
import type { UnifiedBatch } from '../unified/batch.js';
import { emptyBatch } from '../unified/batch.js';
import type { AudienceMembershipLedger, VendorWriteBack, WriteBackResult, WriteBackSubject } from '../unified/contracts.js';
import type { MetaAudiencesApi } from './audiences-api.js';
import { hashedIdentifiers, uploadRows } from './hashing.js';
import { toAudienceEvent } from './mappers/to-audience-event.js';

export interface MetaWriteBackDeps {
  client: MetaAudiencesApi;
  ledger: AudienceMembershipLedger;
  now?: () => number;
  /** Receives the AUDIENCE_LEFT events of each removal, for the profile's timeline. */
  onBatch?: (batch: UnifiedBatch) => Promise<void> | void;
}

export function createMetaWriteBack(deps: MetaWriteBackDeps): VendorWriteBack {
  const now = deps.now ?? Date.now;

  async function removeEverywhere(subject: WriteBackSubject, why: string): Promise<WriteBackResult> {
    const { emails, phones } = hashedIdentifiers(subject.identities);
    await deps.ledger.suppress([...emails, ...phones]);
    const memberships = await deps.ledger.audiencesOf('meta', subject.customerId);
    const rows = uploadRows(subject.customerId, subject.identities);
    const at = new Date(now()).toISOString();
    const batch = emptyBatch();
    for (const membership of memberships) {
      try {
        await deps.client.uploadUsers('remove', membership.audienceId, rows);
      } catch (error) {
        // An audience deleted at Meta holds nobody any more.
        if (!(isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND')) throw error;
      }
      await deps.ledger.left('meta', membership.audienceId, subject.customerId, at);
      const event = toAudienceEvent('LEFT', { ...membership, reason: why }, subject.identities, at);
      if (event) batch.events.push(event);
    }
    if (batch.events.length > 0) await deps.onBatch?.(batch);
    const suppressedCount = emails.length + phones.length;
    return memberships.length > 0
      ? { vendor: 'meta', outcome: 'applied', detail: `removed from ${memberships.length} audience(s); ${suppressedCount} hash(es) suppressed` }
      : { vendor: 'meta', outcome: 'not_held', detail: `in no hub-placed audience; ${suppressedCount} hash(es) suppressed` };
  }

  return {
    vendor: 'meta',
    topics: ['AD_USER_DATA', 'AD_PERSONALIZATION'],
    async applyConsent(subject, topic, status) {
      if (topic !== 'AD_USER_DATA' && topic !== 'AD_PERSONALIZATION') {
        return { vendor: 'meta', outcome: 'not_held', detail: `Meta holds no ${topic} state` };
      }
      if (status === 'GRANTED') {
        return { vendor: 'meta', outcome: 'not_held', detail: 'Meta keeps no consent state; the hub uploads only people who granted it' };
      }
      return removeEverywhere(subject, `consent ${topic} ${status.toLowerCase()}`);
    },
    erase: (subject) => removeEverywhere(subject, 'erasure'),
  };
}
