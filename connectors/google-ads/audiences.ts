/**
 * Customer Match membership as the hub manages it: a person goes into a list only with ad
 * consent (AD_USER_DATA and AD_PERSONALIZATION both GRANTED: a Customer Match list exists to
 * personalize ads), only if none of their hashes is suppressed, and every placement and removal
 * is written to the audience ledger, because Google never lets anyone read membership back.
 * Removal (consent withdrawn, erasure) takes the person out of every list the ledger names.
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
 * @see https://support.google.com/google-ads/answer/14310715 (EU user consent policy)
 */
import { VendorError } from '../http/errors.js';
import { emptyBatch, type UnifiedBatch } from '../unified/batch.js';
import type { ConsentStatus } from '../unified/consent.js';
import type { AudienceMembershipLedger, WriteBackSubject } from '../unified/contracts.js';
import type { CustomerMatchApi, GoogleConsent, JobOperation } from './customer-match-api.js';
import { hashIdentities, toUserIdentifiers, type HashedIdentifier } from './hashing.js';
import { toAudienceEvent } from './mappers/to-audience-event.js';
import type { GoogleAdsReads } from './reads.js';
import { GOOGLE_ADS } from './transport.js';

/** Google takes at most 20 identifiers per user in one operation. */
const MAX_IDENTIFIERS_PER_USER = 20;
const GRANTED: GoogleConsent = { adUserData: 'GRANTED', adPersonalization: 'GRANTED' };

export interface CustomerMatchList {
  id: string;
  name: string;
}

export interface AudienceCandidate {
  subject: WriteBackSubject;
  /** The hub's current consent state for the person. */
  consent: { adUserData: ConsentStatus; adPersonalization: ConsentStatus };
}

export type RefusalReason = 'NO_AD_CONSENT' | 'NO_IDENTIFIERS' | 'SUPPRESSED';

export interface AudienceChangeResult {
  /** The offline user data job, when one was sent. */
  job: string | undefined;
  jobStatus: 'PENDING' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'UNSPECIFIED' | 'UNKNOWN' | 'NOT_SENT';
  /** Customers placed in (or taken out of) the list. */
  customerIds: string[];
  refused: { customerId: string; reason: RefusalReason }[];
  /** Customers whose operation Google refused (a malformed identifier), with its code and field. */
  failed: { customerId: string; code: string; field: string }[];
  /** AUDIENCE_JOINED / AUDIENCE_LEFT events and the list as a changed record. */
  batch: UnifiedBatch;
}

export interface GoogleAdsAudiencesOptions {
  api: CustomerMatchApi;
  reads: Pick<GoogleAdsReads, 'userListByName'>;
  ledger: AudienceMembershipLedger;
  customerResource: string;
  now: () => number;
  /** Receives every batch of events this service produces (the hub's timeline). */
  events?: ((batch: UnifiedBatch) => Promise<void>) | undefined;
}

const chunk = <T>(items: readonly T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function createGoogleAdsAudiences(options: GoogleAdsAudiencesOptions) {
  const { api, ledger } = options;
  const listResource = (id: string) => `${options.customerResource}/userLists/${id}`;
  const nowIso = () => new Date(options.now()).toISOString();

  /** Sends one job of operations for the people, runs it and waits a while for Google to finish. */
  async function runJob(list: CustomerMatchList, people: { customerId: string; hashed: HashedIdentifier[] }[], kind: 'create' | 'remove', consent: GoogleConsent) {
    const job = await api.createJob(listResource(list.id), consent);
    const owners: string[] = [];
    const operations: JobOperation[] = [];
    for (const person of people) {
      for (const hashes of chunk(person.hashed, MAX_IDENTIFIERS_PER_USER)) {
        const data = { userIdentifiers: toUserIdentifiers(hashes) };
        operations.push(kind === 'create' ? { create: data } : { remove: data });
        owners.push(person.customerId);
      }
    }
    const failures = await api.addOperations(job, operations);
    const failed = failures.map((f) => ({ customerId: owners[f.index]!, code: f.code, field: f.field }));
    await api.runJob(job);
    const status = await api.waitForJob(job);
    if (status.status === 'FAILED') {
      throw new VendorError(`offline user data job failed (${status.failureReason ?? 'no reason given'})`, {
        vendor: GOOGLE_ADS,
        operation: `customerMatch.${kind === 'create' ? 'add' : 'remove'}Members`,
        code: 'UPSTREAM_UNAVAILABLE',
        retryable: true,
      });
    }
    const failedIds = new Set(failed.map((f) => f.customerId));
    return { job, status: status.status, failed, done: people.filter((p) => !failedIds.has(p.customerId)) };
  }

  async function emit(batch: UnifiedBatch) {
    if (options.events && batch.events.length > 0) await options.events(batch);
    return batch;
  }

  return {
    /** The lists the ledger says the hub placed this person in. */
    listsOf: (customerId: string) => ledger.audiencesOf(GOOGLE_ADS, customerId),

    /** Finds the CRM list by name or creates it. */
    async ensureList(name: string, description?: string): Promise<CustomerMatchList> {
      const existing = await options.reads.userListByName(name);
      if (existing) return { id: existing.id, name: existing.name };
      const created = await api.createList({ name, ...(description ? { description } : {}) });
      return { id: created.id, name };
    },

    /** Places consenting, unsuppressed people in the list; everyone else is refused and never sent. */
    async addMembers(list: CustomerMatchList, candidates: readonly AudienceCandidate[], reason: string): Promise<AudienceChangeResult> {
      const refused: AudienceChangeResult['refused'] = [];
      const eligible: { customerId: string; hashed: HashedIdentifier[]; subject: WriteBackSubject }[] = [];
      for (const c of candidates) {
        if (c.consent.adUserData !== 'GRANTED' || c.consent.adPersonalization !== 'GRANTED') {
          refused.push({ customerId: c.subject.customerId, reason: 'NO_AD_CONSENT' });
          continue;
        }
        const hashed = hashIdentities(c.subject.identities);
        if (hashed.length === 0) refused.push({ customerId: c.subject.customerId, reason: 'NO_IDENTIFIERS' });
        else eligible.push({ customerId: c.subject.customerId, hashed, subject: c.subject });
      }
      const flags = await ledger.isSuppressed(eligible.flatMap((e) => e.hashed.map((h) => h.hash)));
      let at = 0;
      const allowed = eligible.filter((e) => {
        const suppressed = flags.slice(at, (at += e.hashed.length)).some(Boolean);
        if (suppressed) refused.push({ customerId: e.customerId, reason: 'SUPPRESSED' });
        return !suppressed;
      });
      if (allowed.length === 0) return { job: undefined, jobStatus: 'NOT_SENT', customerIds: [], refused, failed: [], batch: emptyBatch() };

      const { job, status, failed, done } = await runJob(list, allowed, 'create', GRANTED);
      const joinedAt = nowIso();
      const batch = emptyBatch();
      for (const person of done) {
        await ledger.joined({ platform: GOOGLE_ADS, audienceId: list.id, audienceName: list.name, customerId: person.customerId, joinedAt, reason });
        const subject = allowed.find((a) => a.customerId === person.customerId)!.subject;
        batch.events.push(toAudienceEvent({ type: 'AUDIENCE_JOINED', customerId: person.customerId, identities: subject.identities, userListId: list.id, userListName: list.name, at: joinedAt, reason }));
      }
      batch.changed.push({ vendor: GOOGLE_ADS, entity: 'user_list', id: list.id });
      return { job, jobStatus: status, customerIds: done.map((p) => p.customerId), refused, failed, batch: await emit(batch) };
    },

    /**
     * Takes the person out of every list the ledger names (one removal job per list) and, when
     * `suppress` is set, records their hashes so that they are never uploaded again.
     */
    async removeEverywhere(subject: WriteBackSubject, reason: string, suppress: boolean): Promise<{ lists: string[]; batch: UnifiedBatch; jobs: string[] }> {
      const hashed = hashIdentities(subject.identities);
      const memberships = await ledger.audiencesOf(GOOGLE_ADS, subject.customerId);
      const batch = emptyBatch();
      const jobs: string[] = [];
      for (const m of memberships) {
        if (hashed.length > 0) {
          // Consent on a removal job does not matter to Google; the hub's state is what it is.
          const { job } = await runJob({ id: m.audienceId, name: m.audienceName }, [{ customerId: subject.customerId, hashed }], 'remove', {
            adUserData: 'DENIED',
            adPersonalization: 'DENIED',
          });
          jobs.push(job);
        }
        const at = nowIso();
        await ledger.left(GOOGLE_ADS, m.audienceId, subject.customerId, at);
        if (subject.identities.length > 0) batch.events.push(toAudienceEvent({ type: 'AUDIENCE_LEFT', customerId: subject.customerId, identities: subject.identities, userListId: m.audienceId, userListName: m.audienceName, at, reason }));
        batch.changed.push({ vendor: GOOGLE_ADS, entity: 'user_list', id: m.audienceId });
      }
      if (suppress && hashed.length > 0) await ledger.suppress(hashed.map((h) => h.hash));
      return { lists: memberships.map((m) => m.audienceId), batch: await emit(batch), jobs };
    },
  };
}

export type GoogleAdsAudiences = ReturnType<typeof createGoogleAdsAudiences>;
