import { describe, expect, it, vi } from 'vitest';
import { klaviyoTestSandbox } from './testing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

const subscribeBody = (profiles: Json[], listId?: string, extra: Json = {}) => ({
  data: {
    type: 'profile-subscription-bulk-create-job',
    attributes: { custom_source: 'Hub consent sync', profiles: { data: profiles }, ...extra },
    ...(listId ? { relationships: { list: { data: { type: 'list', id: listId } } } } : {}),
  },
});
const unsubscribeBody = (profiles: Json[], listId?: string) => ({
  data: {
    type: 'profile-subscription-bulk-delete-job',
    attributes: { profiles: { data: profiles } },
    ...(listId ? { relationships: { list: { data: { type: 'list', id: listId } } } } : {}),
  },
});
const emailMarketing = (email: string, consent = 'SUBSCRIBED') => ({
  type: 'profile',
  attributes: { email, subscriptions: { email: { marketing: { consent } } } },
});

describe('Klaviyo sandbox: bulk subscription jobs', () => {
  const setup = () => {
    const sandbox = klaviyoTestSandbox({ jobDelayMs: 60_000 });
    const subscriptions = async (id: string): Promise<Json> =>
      (await sandbox.get(`/api/profiles/${id}?additional-fields[profile]=subscriptions`)).json().data.attributes.subscriptions;
    const runJobs = () => sandbox.sandbox.app.inject({ method: 'POST', url: '/__sandbox/jobs/run' });
    return { ...sandbox, subscriptions, runJobs };
  };

  it('accepts with 202 and an empty body, and changes nothing until the job runs', async () => {
    const { post, world, subscriptions, runJobs, state } = setup();
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'UNSUBSCRIBED')!;
    const id = person.klaviyo!.profileId;
    const response = await post('/api/profile-subscription-bulk-create-jobs', subscribeBody([emailMarketing(person.email)]));
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    expect((await subscriptions(id)).email.marketing.consent).toBe('UNSUBSCRIBED');
    await runJobs();
    const after = (await subscriptions(id)).email.marketing;
    expect(after).toMatchObject({ consent: 'SUBSCRIBED', method: 'API', custom_method_detail: 'Hub consent sync', can_receive_email_marketing: true });
    // Subscribing lifts the unsubscribe or complaint suppression.
    expect(after.suppression.filter((s: Json) => s.reason === 'UNSUBSCRIBE' || s.reason === 'SPAM_COMPLAINT')).toEqual([]);
    expect(state.eventsOf(id).at(-1)!.metric).toBe('Subscribed to Email Marketing');
  });

  it('runs accepted jobs on its own after the delay', async () => {
    const { post, world, state } = klaviyoTestSandbox({ jobDelayMs: 5 });
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')!;
    const profile = state.profiles.get(person.klaviyo!.profileId)!;
    expect((await post('/api/profile-subscription-bulk-create-jobs', subscribeBody([emailMarketing(person.email)]))).statusCode).toBe(202);
    expect(profile.subscriptions.email.consent).toBe('NEVER_SUBSCRIBED');
    await vi.waitFor(() => expect(profile.subscriptions.email.consent).toBe('SUBSCRIBED'));
  });

  it('never lifts a hard bounce', async () => {
    const { post, state, subscriptions, runJobs } = setup();
    const bounced = [...state.profiles.values()].find((p) => p.subscriptions.email.suppression.some((s) => s.reason === 'HARD_BOUNCE'))!;
    expect(bounced).toBeDefined();
    await post('/api/profile-subscription-bulk-create-jobs', subscribeBody([emailMarketing(bounced.email!)]));
    await runJobs();
    expect((await subscriptions(bounced.id)).email.marketing.suppression.map((s: Json) => s.reason)).toContain('HARD_BOUNCE');
  });

  it('asks for confirmation on a double opt-in list; consent changes when the person confirms', async () => {
    const { post, world, state, subscriptions, runJobs, sandbox } = setup();
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')!;
    const id = person.klaviyo!.profileId;
    const newsletter = state.catalog.lists.newsletter;
    await post('/api/profile-subscription-bulk-create-jobs', subscribeBody([emailMarketing(person.email)], newsletter.id));
    await runJobs();
    expect((await subscriptions(id)).email.marketing.consent).toBe('NEVER_SUBSCRIBED');
    const confirm = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/confirm-opt-in', payload: { profileId: id, listId: newsletter.id } });
    expect(confirm.statusCode).toBe(200);
    expect((await subscriptions(id)).email.marketing).toMatchObject({ consent: 'SUBSCRIBED', double_optin: true });
    expect(state.profiles.get(id)!.lists.has(newsletter.id)).toBe(true);
    const again = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/confirm-opt-in', payload: { profileId: id, listId: newsletter.id } });
    expect(again.statusCode).toBe(409);
  });

  it('skips confirmation for a historical import with its consent time', async () => {
    const { post, world, state, subscriptions, runJobs } = setup();
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')!;
    const body = subscribeBody(
      [{ type: 'profile', attributes: { email: person.email, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED', consented_at: '2026-05-01T12:00:00+00:00' } } } } }],
      state.catalog.lists.newsletter.id,
      { historical_import: true },
    );
    expect((await post('/api/profile-subscription-bulk-create-jobs', body)).statusCode).toBe(202);
    await runJobs();
    expect((await subscriptions(person.klaviyo!.profileId)).email.marketing).toMatchObject({ consent: 'SUBSCRIBED', consent_timestamp: '2026-05-01T12:00:00+00:00' });
  });

  it('subscribes SMS with a phone number, creating a profile Klaviyo did not hold', async () => {
    const { post, state, runJobs } = setup();
    const before = state.profiles.size;
    const body = subscribeBody([{ type: 'profile', attributes: { phone_number: '+15035550199', subscriptions: { sms: { marketing: { consent: 'SUBSCRIBED' } } } } }]);
    expect((await post('/api/profile-subscription-bulk-create-jobs', body)).statusCode).toBe(202);
    await runJobs();
    expect(state.profiles.size).toBe(before + 1);
    expect(state.profileByPhone('+15035550199')!.subscriptions.sms.consent).toBe('SUBSCRIBED');
  });

  it('refuses malformed jobs with a pointer to the bad member, queueing nothing', async () => {
    const { post, sandbox, world } = setup();
    const email = world.people.find((p) => p.klaviyo)!.email;
    const cases: [Json, string][] = [
      [subscribeBody([emailMarketing(email, 'UNSUBSCRIBED')]), '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent'],
      [subscribeBody([{ type: 'profile', attributes: { email, subscriptions: { email: { marketing: { consent: 'SUBSCRIBED', consented_at: '2026-01-01T00:00:00Z' } } } } }]), '/data/attributes/profiles/data/0/attributes/subscriptions'],
      [subscribeBody([{ type: 'profile', attributes: { phone_number: '503-555-0199', subscriptions: { sms: { marketing: { consent: 'SUBSCRIBED' } } } } }]), '/data/attributes/profiles/data/0/attributes/phone_number'],
      [unsubscribeBody(Array.from({ length: 101 }, (_, i) => emailMarketing(`p${i}@example.com`, 'UNSUBSCRIBED'))), '/data/attributes/profiles/data'],
      [unsubscribeBody([emailMarketing(email, 'SUBSCRIBED')]), '/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent'],
    ];
    for (const [body, pointer] of cases) {
      const response = await post(body.data.type.includes('create') ? '/api/profile-subscription-bulk-create-jobs' : '/api/profile-subscription-bulk-delete-jobs', body);
      expect(response.statusCode, pointer).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ code: 'invalid', source: { pointer } });
    }
    const unknownList = await post('/api/profile-subscription-bulk-create-jobs', subscribeBody([emailMarketing(email)], 'NOLIST'));
    expect(unknownList.statusCode).toBe(404);
    expect((await sandbox.app.inject({ method: 'GET', url: '/__sandbox/jobs' })).json().jobs).toEqual([]);
  });

  it('unsubscribes list members from the list only, and everyone else globally', async () => {
    const { post, world, state, subscriptions, runJobs } = setup();
    const newsletter = state.catalog.lists.newsletter;
    const member = world.people.find((p) => p.klaviyo && state.profiles.get(p.klaviyo.profileId)!.lists.has(newsletter.id))!;
    const outsider = world.people.find((p) => p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')!;
    const body = unsubscribeBody([emailMarketing(member.email, 'UNSUBSCRIBED'), emailMarketing(outsider.email, 'UNSUBSCRIBED')], newsletter.id);
    expect((await post('/api/profile-subscription-bulk-delete-jobs', body)).statusCode).toBe(202);
    await runJobs();
    const memberEmail = (await subscriptions(member.klaviyo!.profileId)).email.marketing;
    expect(memberEmail.consent).toBe('SUBSCRIBED');
    expect(memberEmail.list_suppressions).toEqual([{ list_id: newsletter.id, reason: 'UNSUBSCRIBE', timestamp: expect.any(String) }]);
    expect(state.profiles.get(member.klaviyo!.profileId)!.lists.has(newsletter.id)).toBe(false);
    // "Profiles not in the specified list will be globally unsubscribed."
    const outsiderEmail = (await subscriptions(outsider.klaviyo!.profileId)).email.marketing;
    expect(outsiderEmail).toMatchObject({ consent: 'UNSUBSCRIBED', can_receive_email_marketing: false });
    expect(outsiderEmail.suppression.map((s: Json) => s.reason)).toContain('UNSUBSCRIBE');
  });

  it('unsubscribes SMS globally', async () => {
    const { post, world, subscriptions, runJobs } = setup();
    const person = world.people.find((p) => p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED')!;
    const body = unsubscribeBody([{ type: 'profile', attributes: { phone_number: person.klaviyo!.phoneNumber, subscriptions: { sms: { marketing: { consent: 'UNSUBSCRIBED' } } } } }]);
    await post('/api/profile-subscription-bulk-delete-jobs', body);
    await runJobs();
    expect((await subscriptions(person.klaviyo!.profileId)).sms.marketing).toMatchObject({ consent: 'UNSUBSCRIBED', can_receive_sms_marketing: false });
  });
});

describe('Klaviyo sandbox: data-privacy deletion jobs', () => {
  it('deletes every profile matching the one identifier given, with its events', async () => {
    const { post, get, world, state, sandbox } = klaviyoTestSandbox({ jobDelayMs: 60_000 });
    const person = world.people.find((p) => p.klaviyo && p.shopify?.orders.length)!;
    const id = person.klaviyo!.profileId;
    expect(state.eventsOf(id).length).toBeGreaterThan(0);
    const body = (attributes: Json, profileId?: string) => ({
      data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: { type: 'profile', ...(profileId ? { id: profileId } : {}), attributes } } } },
    });
    expect((await post('/api/data-privacy-deletion-jobs', body({ email: person.email, phone_number: '+15035550000' }))).statusCode).toBe(400);
    expect((await post('/api/data-privacy-deletion-jobs', body({}))).statusCode).toBe(400);
    const accepted = await post('/api/data-privacy-deletion-jobs', body({ email: person.email.toUpperCase() }));
    expect(accepted.statusCode).toBe(202);
    expect(accepted.body).toBe('');
    expect((await get(`/api/profiles/${id}`)).statusCode).toBe(200);
    await sandbox.app.inject({ method: 'POST', url: '/__sandbox/jobs/run' });
    expect((await get(`/api/profiles/${id}`)).statusCode).toBe(404);
    const events: Json = (await get(`/api/events?filter=${encodeURIComponent(`equals(profile_id,"${id}")`)}`)).json();
    expect(events.data).toEqual([]);
  });
});
