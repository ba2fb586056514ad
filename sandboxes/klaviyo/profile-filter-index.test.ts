/**
 * `GET /api/profiles?filter=equals|any(id|email|phone_number, ...)` is answered through indexes
 * (state.ts) instead of a scan of every profile: these tests change profiles through the
 * sandbox's own jobs and check that the filters still find exactly what a scan would.
 */
import { describe, expect, it } from 'vitest';
import { klaviyoTestSandbox } from './testing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

const subscribe = (attributes: Json) => ({
  data: { type: 'profile-subscription-bulk-create-job', attributes: { custom_source: 'index test', profiles: { data: [{ type: 'profile', attributes }] } } },
});
const deletion = (attributes: Json) => ({
  data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: { type: 'profile', attributes } } } },
});

describe('Klaviyo sandbox: profile filters stay right as jobs change profiles', () => {
  const setup = () => {
    const sandbox = klaviyoTestSandbox({ jobDelayMs: 60_000 });
    const filtered = async (filter: string): Promise<string[]> =>
      ((await sandbox.get(`/api/profiles?filter=${encodeURIComponent(filter)}`)).json() as Json).data.map((p: Json) => p.id);
    const runJobs = () => sandbox.sandbox.app.inject({ method: 'POST', url: '/__sandbox/jobs/run' });
    return { ...sandbox, filtered, runJobs };
  };

  it('finds a profile created by a subscribe job by its email (any case) and id', async () => {
    const { post, state, filtered, runJobs } = setup();
    expect(await filtered('equals(email,"new.person@example.com")')).toEqual([]);
    await post('/api/profile-subscription-bulk-create-jobs', subscribe({ email: 'New.Person@example.com', subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } } } }));
    await runJobs();
    const created = state.profileByEmail('new.person@example.com')!;
    expect(created).toBeDefined();
    expect(await filtered('equals(email,"NEW.PERSON@EXAMPLE.COM")')).toEqual([created.id]);
    expect(await filtered(`any(id,["${created.id}","01JNOBODY"])`)).toEqual([created.id]);
  });

  it('finds a profile by a phone number a subscribe job added to it, and not by a number it never had', async () => {
    const { post, world, state, filtered, runJobs } = setup();
    const person = world.people.find((p) => p.klaviyo && !p.klaviyo.phoneNumber)!;
    const phone = '+15035550142';
    expect(await filtered(`equals(phone_number,"${phone}")`)).toEqual([]);
    await post('/api/profile-subscription-bulk-create-jobs', subscribe({ email: person.email, phone_number: phone, subscriptions: { sms: { marketing: { consent: 'SUBSCRIBED' } } } }));
    await runJobs();
    expect(state.profiles.get(person.klaviyo!.profileId)!.phoneNumber).toBe(phone);
    expect(await filtered(`equals(phone_number,"${phone}")`)).toEqual([person.klaviyo!.profileId]);
    expect(await filtered(`and(equals(phone_number,"${phone}"),equals(email,"${person.email}"))`)).toEqual([person.klaviyo!.profileId]);
    expect(await filtered('equals(phone_number,"+15035550143")')).toEqual([]);
  });

  it('no longer finds a deleted profile by its id, email or phone', async () => {
    const { post, world, filtered, runJobs } = setup();
    const person = world.people.find((p) => p.klaviyo?.phoneNumber)!;
    const id = person.klaviyo!.profileId;
    const other = world.people.find((p) => p.klaviyo && p !== person)!;
    const filters = [`equals(id,"${id}")`, `equals(email,"${person.email}")`, `any(phone_number,["${person.klaviyo!.phoneNumber}"])`];
    for (const filter of filters) expect(await filtered(filter)).toEqual([id]);
    await post('/api/data-privacy-deletion-jobs', deletion({ email: ` ${person.email.toUpperCase()} ` }));
    await runJobs();
    for (const filter of filters) expect(await filtered(filter)).toEqual([]);
    expect(await filtered(`any(email,["${person.email}","${other.email}"])`)).toEqual([other.klaviyo!.profileId]);
  });

  it('answers an indexed filter exactly as a scan does: the same profiles, sorted and paged alike', async () => {
    const { world, filtered, get } = setup();
    const held = world.people.filter((p) => p.klaviyo).slice(0, 12);
    const emails = held.map((p) => `"${p.email.toUpperCase()}"`).join(',');
    const expected = held.map((p) => p.klaviyo!.profileId).sort();
    expect(await filtered(`any(email,[${emails}])`)).toEqual(expected);
    const firstPage: Json = (await get(`/api/profiles?page[size]=5&sort=-id&filter=${encodeURIComponent(`any(email,[${emails}])`)}`)).json();
    expect(firstPage.data.map((p: Json) => p.id)).toEqual([...expected].reverse().slice(0, 5));
    const next = new URL(firstPage.links.next);
    const secondPage: Json = (await get(`${next.pathname}${next.search}`)).json();
    expect(secondPage.data.map((p: Json) => p.id)).toEqual([...expected].reverse().slice(5, 10));
  });

  it('pages the unfiltered list in id order, with a profile a job created and without one a job deleted', async () => {
    const { post, get, world, state, runJobs } = setup();
    const pageThrough = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (let url: string | null = '/api/profiles?page[size]=7'; url; ) {
        const body: Json = (await get(url)).json();
        ids.push(...body.data.map((p: Json) => p.id));
        url = body.links.next ? `${new URL(body.links.next).pathname}${new URL(body.links.next).search}` : null;
      }
      return ids;
    };
    const before = await pageThrough();
    expect(before).toEqual([...state.profiles.keys()].sort());
    const gone = world.people.find((p) => p.klaviyo)!.klaviyo!.profileId;
    await post('/api/profile-subscription-bulk-create-jobs', subscribe({ email: 'paged.newcomer@example.com', subscriptions: { email: { marketing: { consent: 'SUBSCRIBED' } } } }));
    await runJobs();
    const created = state.profileByEmail('paged.newcomer@example.com')!.id;
    expect(await pageThrough()).toEqual([...before, created].sort());
    await post('/api/data-privacy-deletion-jobs', { data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: { type: 'profile', id: gone, attributes: {} } } } } });
    await runJobs();
    expect(await pageThrough()).toEqual([...before.filter((id) => id !== gone), created].sort());
  });
});
