/**
 * Customer Match through the connector, against the sandbox over HTTP: consent decides who is
 * uploaded, hashes follow Google's normalization, the job runs to SUCCESS, the ledger records
 * the placement, and withdrawal or erasure takes the person out of every list and suppresses them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAudienceLedger } from '../../profile/audiences/memory-audience-ledger.js';
import { connectGoogleAds, startGoogleAdsSandbox, type GoogleAdsSandboxFixture } from '../../test/support/google-ads.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { WriteBackSubject } from '../unified/contracts.js';
import { hashEmail, hashPhone } from './hashing.js';

let fixture: GoogleAdsSandboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const GRANTED = { adUserData: 'GRANTED', adPersonalization: 'GRANTED' } as const;

async function setup() {
  fixture = await startGoogleAdsSandbox();
  const ledger = new MemoryAudienceLedger();
  const batches: UnifiedBatch[] = [];
  const connector = connectGoogleAds(fixture, { audiences: ledger, events: async (b) => void batches.push(b) });
  const [a, b, c] = fixture.world.people;
  const subject = (p: typeof a, id: string): WriteBackSubject => ({
    customerId: id,
    // Spelled as vendors hold them: the connector normalizes before hashing.
    identities: [
      { kind: 'EMAIL', value: ` ${p!.email.toUpperCase()} ` },
      { kind: 'PHONE', value: p!.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3') },
    ],
  });
  const members = async (listId: string) =>
    (await fixture!.sandbox.app.inject({ method: 'GET', url: `/__sandbox/google-ads/user-lists/${listId}/members` })).json().members as { hashes: string[]; consent: unknown }[];
  return { ...connector, ledger, batches, people: { a: a!, b: b!, c: c! }, subject, members, fixture };
}

describe('Customer Match through the connector', () => {
  it('uploads only people with ad consent, hashed per Google, runs the job to SUCCESS and records the placement', async () => {
    const { customerMatch, ledger, batches, people, subject, members } = await setup();
    const list = await customerMatch!.ensureList('VIP buyers', 'Hub segment: vip');
    const result = await customerMatch!.addMembers(
      list,
      [
        { subject: subject(people.a, 'cus_a'), consent: GRANTED },
        { subject: subject(people.b, 'cus_b'), consent: { adUserData: 'GRANTED', adPersonalization: 'DENIED' } },
        { subject: subject(people.c, 'cus_c'), consent: { adUserData: 'UNKNOWN', adPersonalization: 'GRANTED' } },
        { subject: { customerId: 'cus_d', identities: [{ kind: 'HUBSPOT', value: '100001' }] }, consent: GRANTED },
      ],
      'segment: vip',
    );
    expect(result).toMatchObject({ jobStatus: 'SUCCESS', customerIds: ['cus_a'], failed: [] });
    expect(result.refused).toEqual([
      { customerId: 'cus_b', reason: 'NO_AD_CONSENT' },
      { customerId: 'cus_c', reason: 'NO_AD_CONSENT' },
      { customerId: 'cus_d', reason: 'NO_IDENTIFIERS' },
    ]);
    // Visible in the sandbox: exactly person a, by Google-normalized hashes, with consent.
    expect(await members(list.id)).toEqual([
      expect.objectContaining({ hashes: [hashEmail(people.a.email), hashPhone(people.a.phone)], consent: GRANTED, matched: true }),
    ]);
    expect(await ledger.audiencesOf('google-ads', 'cus_a')).toEqual([
      expect.objectContaining({ platform: 'google-ads', audienceId: list.id, audienceName: 'VIP buyers', reason: 'segment: vip' }),
    ]);
    expect(await ledger.audiencesOf('google-ads', 'cus_b')).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => [e.type, e.summary])).toEqual([['AUDIENCE_JOINED', 'Added to Google Ads Customer Match list “VIP buyers” (segment: vip)']]);
    expect(batches[0]!.changed).toEqual([{ vendor: 'google-ads', entity: 'user_list', id: list.id }]);
    // The list exists once: ensureList finds it by name next time.
    expect((await customerMatch!.ensureList('VIP buyers')).id).toBe(list.id);
  });

  it('estimates the exposure of a listed person from the campaigns that target the list (an estimate, and says so)', async () => {
    const { customerMatch, estimateExposure, people, subject, fixture } = await setup();
    const list = await customerMatch!.ensureList('VIP buyers');
    await customerMatch!.addMembers(list, [{ subject: subject(people.a, 'cus_a'), consent: GRANTED }], 'segment: vip');
    // Joined on the sandbox's today, the last day of this window.
    const window = { since: '2026-10-03', until: '2026-11-01' };
    const estimate = await estimateExposure!('cus_a', window);
    expect(estimate).toMatchObject({ estimate: true, method: 'LIST_MEMBERSHIP_X_CAMPAIGN_AVERAGE_FREQUENCY', unmeasuredCampaignIds: [] });
    const targeting = fixture.state.criteria.filter((c) => c.userListId === list.id).map((c) => c.campaignId).sort();
    expect(estimate.contributions.map((c) => c.campaignId).sort()).toEqual(targeting);
    expect(estimate.contributions.every((c) => c.daysInList === 1 && c.averageFrequency > 1)).toBe(true);
    expect((await estimateExposure!('cus_nobody', window)).estimatedImpressions).toBe(0);
  });

  it('sends nothing to Google when nobody may be uploaded', async () => {
    const { customerMatch, people, subject, fixture } = await setup();
    const list = await customerMatch!.ensureList('Nobody');
    const before = fixture.calls();
    const result = await customerMatch!.addMembers(list, [{ subject: subject(people.a, 'cus_a'), consent: { adUserData: 'DENIED', adPersonalization: 'DENIED' } }], 'test');
    expect(result.jobStatus).toBe('NOT_SENT');
    expect(fixture.calls()).toBe(before);
  });

  it('reports an operation Google refused with its code and field path, and places the others', async () => {
    const { client, fixture } = await setup();
    const list = await client.customerMatch.createList({ name: 'Raw' });
    const job = await client.customerMatch.createJob(list.resourceName, GRANTED);
    const failures = await client.customerMatch.addOperations(job, [
      { create: { userIdentifiers: [{ hashedEmail: hashEmail('a@example.com')! }] } },
      { create: { userIdentifiers: [{ hashedEmail: 'a@example.com' }] } },
    ]);
    expect(failures).toEqual([
      { index: 1, code: 'offlineUserDataJobError.INVALID_SHA256_FORMAT', message: 'The SHA256 encoded value is malformed.', field: 'operations[1].create.user_identifiers[0].hashed_email' },
    ]);
    await client.customerMatch.runJob(job);
    expect((await client.customerMatch.waitForJob(job)).status).toBe('SUCCESS');
    expect(fixture.state.userLists.get(list.id)!.members).toHaveLength(1);
  });

  it('on AD_PERSONALIZATION withdrawal removes the person from every list the ledger names and suppresses them for good', async () => {
    const { customerMatch, writeBack, ledger, batches, people, subject, members } = await setup();
    const vip = await customerMatch!.ensureList('VIP buyers');
    const lapsed = await customerMatch!.ensureList('Lapsed buyers');
    const a = subject(people.a, 'cus_a');
    const b = subject(people.b, 'cus_b');
    await customerMatch!.addMembers(vip, [{ subject: a, consent: GRANTED }, { subject: b, consent: GRANTED }], 'segment: vip');
    await customerMatch!.addMembers(lapsed, [{ subject: a, consent: GRANTED }], 'segment: lapsed');

    const result = await writeBack!.applyConsent(a, 'AD_PERSONALIZATION', 'DENIED');
    expect(result).toEqual({ vendor: 'google-ads', outcome: 'applied', detail: 'removed from 2 Customer Match list(s) by 2 job(s); hashes suppressed' });
    expect((await members(vip.id)).map((m) => m.hashes[0])).toEqual([hashEmail(people.b.email)]);
    expect(await members(lapsed.id)).toEqual([]);
    expect(await ledger.audiencesOf('google-ads', 'cus_a')).toEqual([]);
    expect(await ledger.membersOf('google-ads', vip.id)).toEqual(['cus_b']);
    expect(await ledger.isSuppressed([hashEmail(people.a.email)!, hashPhone(people.a.phone)!])).toEqual([true, true]);
    expect(batches.at(-1)!.events.map((e) => e.type)).toEqual(['AUDIENCE_LEFT', 'AUDIENCE_LEFT']);

    // Even with consent granted again, the suppressed person is never uploaded again.
    const again = await customerMatch!.addMembers(vip, [{ subject: a, consent: GRANTED }], 'segment: vip');
    expect(again.refused).toEqual([{ customerId: 'cus_a', reason: 'SUPPRESSED' }]);
    expect(await members(vip.id)).toHaveLength(1);
  });

  it('erases a person from every list; a person in none is not held but is suppressed all the same', async () => {
    const { customerMatch, writeBack, ledger, people, subject, members } = await setup();
    const vip = await customerMatch!.ensureList('VIP buyers');
    await customerMatch!.addMembers(vip, [{ subject: subject(people.a, 'cus_a'), consent: GRANTED }], 'segment: vip');
    expect(await writeBack!.erase(subject(people.a, 'cus_a'))).toMatchObject({ outcome: 'applied' });
    expect(await members(vip.id)).toEqual([]);
    expect(await writeBack!.erase(subject(people.b, 'cus_b'))).toEqual({ vendor: 'google-ads', outcome: 'not_held', detail: 'in no Customer Match list; hashes suppressed' });
    expect(await ledger.isSuppressed([hashEmail(people.b.email)!])).toEqual([true]);
  });

  it('takes the person out without suppressing when consent becomes UNKNOWN, and does nothing on GRANTED', async () => {
    const { customerMatch, writeBack, ledger, people, subject } = await setup();
    const vip = await customerMatch!.ensureList('VIP buyers');
    const a = subject(people.a, 'cus_a');
    await customerMatch!.addMembers(vip, [{ subject: a, consent: GRANTED }], 'segment: vip');
    expect(await writeBack!.applyConsent(a, 'AD_USER_DATA', 'GRANTED')).toMatchObject({ outcome: 'not_held' });
    expect(await ledger.audiencesOf('google-ads', 'cus_a')).toHaveLength(1);
    expect(await writeBack!.applyConsent(a, 'AD_USER_DATA', 'UNKNOWN')).toMatchObject({ outcome: 'applied' });
    expect(await ledger.audiencesOf('google-ads', 'cus_a')).toEqual([]);
    expect(await ledger.isSuppressed([hashEmail(people.a.email)!])).toEqual([false]);
    expect(writeBack!.topics).toEqual(['AD_USER_DATA', 'AD_PERSONALIZATION']);
  });

  it('fails with a retryable error, leaving the ledger as it was, when Google is down during a withdrawal', async () => {
    const { customerMatch, writeBack, ledger, people, subject, fixture } = await setup();
    const vip = await customerMatch!.ensureList('VIP buyers');
    const a = subject(people.a, 'cus_a');
    await customerMatch!.addMembers(vip, [{ subject: a, consent: GRANTED }], 'segment: vip');
    fixture.sandbox.controls.outage = true;
    const error = await writeBack!.applyConsent(a, 'AD_USER_DATA', 'DENIED').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(await ledger.audiencesOf('google-ads', 'cus_a')).toHaveLength(1);
    fixture.sandbox.controls.outage = false;
    expect(await writeBack!.applyConsent(a, 'AD_USER_DATA', 'DENIED')).toMatchObject({ outcome: 'applied' });
  });
});
