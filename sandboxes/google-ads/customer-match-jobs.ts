/**
 * How an offline user data job runs: PENDING until `:run`, then RUNNING for a few polls, then
 * SUCCESS with its operations applied to the list and a match rate range. Polling (reading the
 * job through GAQL) is what moves it on, so tests see every status without waiting on a clock.
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started#check_the_job_status
 */
import type { Consent, GoogleAdsState, ListMember, SandboxJob } from './state.js';

const MATCH_RANGES: readonly [number, string][] = [
  [20, 'MATCH_RANGE_LESS_THAN_20'],
  [31, 'MATCH_RANGE_20_TO_30'],
  [41, 'MATCH_RANGE_31_TO_40'],
  [51, 'MATCH_RANGE_41_TO_50'],
  [61, 'MATCH_RANGE_51_TO_60'],
  [71, 'MATCH_RANGE_61_TO_70'],
  [81, 'MATCH_RANGE_71_TO_80'],
  [91, 'MATCH_RANGE_81_TO_90'],
  [101, 'MATCH_RANGE_91_TO_100'],
];

export function matchRateRange(percent: number): string {
  return MATCH_RANGES.find(([below]) => percent < below)![1];
}

/** Operation-level consent overrides the job's, field by field. */
const effectiveConsent = (job: Consent | undefined, user: Consent | undefined): Consent => ({ ...job, ...user });

export function advanceJob(state: GoogleAdsState, job: SandboxJob): void {
  if (job.status !== 'RUNNING') return;
  job.readsSinceRun++;
  if (job.readsSinceRun >= job.readsToFinish) finishJob(state, job);
}

function finishJob(state: GoogleAdsState, job: SandboxJob): void {
  const list = state.userLists.get(job.userListId);
  if (!list) {
    job.status = 'FAILED';
    return;
  }
  if (job.removeAll) list.members = [];
  const accounts = state.googleAccountHashes();
  if (job.kind === 'create') {
    let matched = 0;
    for (const user of job.users) {
      const consent = effectiveConsent(job.consent, user.consent);
      const isMatched = user.hashes.some((h) => accounts.has(h));
      if (isMatched) matched++;
      const existing = list.members.find((m) => m.hashes.some((h) => user.hashes.includes(h)));
      if (existing) {
        existing.hashes = [...new Set([...existing.hashes, ...user.hashes])];
        existing.consent = consent;
        existing.matched ||= isMatched;
      } else {
        const member: ListMember = { hashes: [...user.hashes], consent, matched: isMatched, addedAt: new Date().toISOString() };
        list.members.push(member);
      }
    }
    job.matchRateRange = job.users.length > 0 ? matchRateRange((100 * matched) / job.users.length) : undefined;
  } else if (job.kind === 'remove') {
    const removed = new Set(job.users.flatMap((u) => u.hashes));
    list.members = list.members.filter((m) => !m.hashes.some((h) => removed.has(h)));
  }
  job.status = 'SUCCESS';
}
