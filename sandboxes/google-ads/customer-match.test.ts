/**
 * Customer Match over HTTP: a CRM list, an offline user data job with hashed identifiers and
 * consent, partial failure on a bad hash, the job lifecycle, and membership visible afterwards.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { firstError, googleAdsFixture } from './test-fixture.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const GRANTED = { adUserData: 'GRANTED', adPersonalization: 'GRANTED' };

async function createList(post: ReturnType<typeof googleAdsFixture>['post'], name = 'CRM subscribers') {
  const { status, body } = await post('/userLists:mutate', {
    operations: [{ create: { name, description: 'Hub audience', membershipLifeSpan: '10000', crmBasedUserList: { uploadKeyType: 'CONTACT_INFO', dataSourceType: 'FIRST_PARTY' } } }],
  });
  expect(status).toBe(200);
  return body.results[0].resourceName as string;
}

async function createJob(post: ReturnType<typeof googleAdsFixture>['post'], userList: string) {
  const { status, body } = await post('/offlineUserDataJobs:create', {
    job: { type: 'CUSTOMER_MATCH_USER_LIST', customerMatchUserListMetadata: { userList, consent: GRANTED } },
  });
  expect(status).toBe(200);
  return body.resourceName as string;
}

const jobPath = (resourceName: string, verb: string) => `/offlineUserDataJobs/${resourceName.split('/').at(-1)}:${verb}`;

describe('userLists:mutate', () => {
  it('creates a CRM-based list, refuses a taken name, and reports the failed row in partial-failure mode', async () => {
    const { post, search } = googleAdsFixture();
    const list = await createList(post);
    expect(list).toMatch(/^customers\/1234567890\/userLists\/\d+$/);
    const { body } = await post('/userLists:mutate', {
      partialFailure: true,
      operations: [{ create: { name: 'CRM subscribers', crmBasedUserList: {} } }, { create: { name: 'Lapsed buyers', crmBasedUserList: {} } }],
    });
    expect(body.results[0]).toEqual({});
    expect(body.results[1].resourceName).toMatch(/userLists\/\d+$/);
    expect(firstError({ error: body.partialFailureError })).toMatchObject({
      errorCode: { userListError: 'NAME_ALREADY_USED' },
      location: { fieldPathElements: [{ fieldName: 'operations', index: 0 }, { fieldName: 'create' }, { fieldName: 'name' }] },
    });
    const rows = await search("SELECT user_list.name, user_list.type, user_list.crm_based_user_list.upload_key_type FROM user_list WHERE user_list.type = 'CRM_BASED'");
    expect(rows.body.results.map((r: { userList: { name: string } }) => r.userList.name).sort()).toEqual(['CRM subscribers', 'Lapsed buyers']);
    expect(rows.body.results[0].userList.crmBasedUserList).toEqual({ uploadKeyType: 'CONTACT_INFO' });
  });

  it('fails the whole request without partialFailure, creating nothing', async () => {
    const { post, state } = googleAdsFixture();
    const before = state.userLists.size;
    const { status, body } = await post('/userLists:mutate', {
      operations: [{ create: { name: 'Fine', crmBasedUserList: {} } }, { create: { name: 'Bad span', membershipLifeSpan: 600, crmBasedUserList: {} } }],
    });
    expect(status).toBe(400);
    expect(firstError(body).errorCode).toEqual({ rangeError: 'TOO_HIGH' });
    expect(state.userLists.size).toBe(before);
  });
});

describe('OfflineUserDataJobService', () => {
  it('uploads hashed users with consent, runs, goes PENDING → RUNNING → SUCCESS, and the list holds them', async () => {
    const { post, search, state, sandbox, world } = googleAdsFixture();
    const list = await createList(post);
    const job = await createJob(post, list);
    const status = async () =>
      (await search(`SELECT offline_user_data_job.status, offline_user_data_job.operation_metadata.match_rate_range FROM offline_user_data_job WHERE offline_user_data_job.resource_name = '${job}'`)).body
        .results[0].offlineUserDataJob;
    expect((await status()).status).toBe('PENDING');

    const [alice, bob] = world.people;
    const added = await post(jobPath(job, 'addOperations'), {
      enablePartialFailure: true,
      operations: [
        { create: { userIdentifiers: [{ hashedEmail: sha256(alice!.email) }, { hashedPhoneNumber: sha256(alice!.phone) }] } },
        { create: { userIdentifiers: [{ hashedEmail: sha256(bob!.email) }], consent: { adPersonalization: 'DENIED' } } },
        { create: { userIdentifiers: [{ hashedEmail: sha256('stranger@nowhere.example') }] } },
      ],
    });
    expect(added).toEqual({ status: 200, body: {} });

    const run = await post(jobPath(job, 'run'), {});
    expect(run.status).toBe(200);
    expect(run.body).toEqual({
      name: `customers/1234567890/operations/${job.split('/').at(-1)}`,
      metadata: { '@type': 'type.googleapis.com/google.ads.googleads.v26.resources.OfflineUserDataJobMetadata' },
    });
    expect((await status()).status).toBe('RUNNING');
    const done = await status();
    expect(done).toMatchObject({ status: 'SUCCESS', operationMetadata: { matchRateRange: 'MATCH_RANGE_61_TO_70' } });

    const members = (await sandbox.app.inject({ method: 'GET', url: `/__sandbox/google-ads/user-lists/${list.split('/').at(-1)}/members` })).json().members;
    expect(members).toHaveLength(3);
    expect(members[0]).toMatchObject({ hashes: [sha256(alice!.email), sha256(alice!.phone)], consent: GRANTED, matched: true });
    // Per-user consent overrides the job's field by field.
    expect(members[1].consent).toEqual({ adUserData: 'GRANTED', adPersonalization: 'DENIED' });
    expect(members[2].matched).toBe(false);
    // Sized by matched users Google may use: only alice.
    const size = await search(`SELECT user_list.size_for_display, user_list.match_rate_percentage FROM user_list WHERE user_list.resource_name = '${list}'`);
    expect(size.body.results[0].userList).toMatchObject({ sizeForDisplay: '1', matchRatePercentage: 67 });
    expect(state.jobs.size).toBe(1);
  });

  it('reports INVALID_SHA256_FORMAT with its field path and keeps the good operations (enablePartialFailure)', async () => {
    const { post, state } = googleAdsFixture();
    const job = await createJob(post, await createList(post));
    const { status, body } = await post(jobPath(job, 'addOperations'), {
      enablePartialFailure: true,
      operations: [
        { create: { userIdentifiers: [{ hashedEmail: sha256('a@example.com') }] } },
        { create: { userIdentifiers: [{ hashedEmail: sha256('b@example.com') }, { hashedPhoneNumber: '+16505551212' }] } },
      ],
    });
    expect(status).toBe(200);
    expect(body.partialFailureError.code).toBe(3);
    expect(body.partialFailureError.message).toContain('operations[1].create.user_identifiers[1].hashed_phone_number');
    expect(firstError({ error: body.partialFailureError })).toMatchObject({
      errorCode: { offlineUserDataJobError: 'INVALID_SHA256_FORMAT' },
      location: {
        fieldPathElements: [
          { fieldName: 'operations', index: 1 },
          { fieldName: 'create' },
          { fieldName: 'user_identifiers', index: 1 },
          { fieldName: 'hashed_phone_number' },
        ],
      },
    });
    expect([...state.jobs.values()][0]!.users).toHaveLength(1);
  });

  it('refuses the whole request without enablePartialFailure', async () => {
    const { post, state } = googleAdsFixture();
    const job = await createJob(post, await createList(post));
    const { status, body } = await post(jobPath(job, 'addOperations'), {
      operations: [{ create: { userIdentifiers: [{ hashedEmail: sha256('a@example.com') }] } }, { create: { userIdentifiers: [{ hashedEmail: 'A@EXAMPLE.COM' }] } }],
    });
    expect(status).toBe(400);
    expect(firstError(body).errorCode).toEqual({ offlineUserDataJobError: 'INVALID_SHA256_FORMAT' });
    expect([...state.jobs.values()][0]!.users).toHaveLength(0);
  });

  it("enforces Google's job rules: no mixing create and remove, removeAll first, nothing added once started", async () => {
    const { post } = googleAdsFixture();
    const job = await createJob(post, await createList(post));
    const user = { userIdentifiers: [{ hashedEmail: sha256('a@example.com') }] };
    expect((await post(jobPath(job, 'addOperations'), { operations: [{ create: user }] })).status).toBe(200);
    const mixed = await post(jobPath(job, 'addOperations'), { operations: [{ remove: user }] });
    expect(firstError(mixed.body).errorCode).toEqual({ offlineUserDataJobError: 'CONFLICTING_OPERATION' });
    const late = await post(jobPath(job, 'addOperations'), { operations: [{ removeAll: true }] });
    expect(firstError(late.body).errorCode).toEqual({ offlineUserDataJobError: 'INVALID_OPERATION_ORDER' });
    expect((await post(jobPath(job, 'run'), {})).status).toBe(200);
    const started = await post(jobPath(job, 'addOperations'), { operations: [{ create: user }] });
    expect(firstError(started.body).errorCode).toEqual({ offlineUserDataJobError: 'JOB_ALREADY_STARTED' });
  });

  it('removes users by any of their hashes in a removal job, and removeAll empties the list', async () => {
    const { post, search, state } = googleAdsFixture();
    const list = await createList(post);
    const listId = list.split('/').at(-1)!;
    const upload = async (operations: unknown[]) => {
      const job = await createJob(post, list);
      expect((await post(jobPath(job, 'addOperations'), { operations })).status).toBe(200);
      await post(jobPath(job, 'run'), {});
      for (let i = 0; i < 2; i++) await search('SELECT offline_user_data_job.status FROM offline_user_data_job');
    };
    await upload([
      { create: { userIdentifiers: [{ hashedEmail: sha256('a@example.com') }, { hashedPhoneNumber: sha256('+16505551212') }] } },
      { create: { userIdentifiers: [{ hashedEmail: sha256('b@example.com') }] } },
    ]);
    expect(state.userLists.get(listId)!.members).toHaveLength(2);
    await upload([{ remove: { userIdentifiers: [{ hashedPhoneNumber: sha256('+16505551212') }] } }]);
    expect(state.userLists.get(listId)!.members.map((m) => m.hashes)).toEqual([[sha256('b@example.com')]]);
    await upload([{ removeAll: true }]);
    expect(state.userLists.get(listId)!.members).toHaveLength(0);
  });

  it('refuses a job for a missing or rule-based list', async () => {
    const { post, state } = googleAdsFixture();
    const missing = await post('/offlineUserDataJobs:create', { job: { type: 'CUSTOMER_MATCH_USER_LIST', customerMatchUserListMetadata: { userList: 'customers/1234567890/userLists/1' } } });
    expect(firstError(missing.body).errorCode).toEqual({ offlineUserDataJobError: 'INVALID_USER_LIST_ID' });
    const ruleBased = [...state.userLists.values()].find((l) => l.type === 'RULE_BASED')!;
    const wrongType = await post('/offlineUserDataJobs:create', {
      job: { type: 'CUSTOMER_MATCH_USER_LIST', customerMatchUserListMetadata: { userList: `customers/1234567890/userLists/${ruleBased.id}` } },
    });
    expect(firstError(wrongType.body).errorCode).toEqual({ offlineUserDataJobError: 'INVALID_USER_LIST_TYPE' });
  });

  it('answers CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE when the account is not allowlisted (2026 reality)', async () => {
    const { post, sandbox } = googleAdsFixture();
    const list = await createList(post);
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/allowlist', payload: { customerMatch: false } });
    const refused = await post('/offlineUserDataJobs:create', { job: { type: 'CUSTOMER_MATCH_USER_LIST', customerMatchUserListMetadata: { userList: list } } });
    expect(refused.status).toBe(403);
    expect(firstError(refused.body).errorCode).toEqual({ notAllowlistedError: 'CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE' });
  });
});
