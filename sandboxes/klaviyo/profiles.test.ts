import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../connectors/unified/normalize.js';
import { KLAVIYO_HEADERS, klaviyoTestSandbox } from './testing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

describe('Klaviyo sandbox: auth, revision and errors', () => {
  const { get } = klaviyoTestSandbox();

  it('refuses a missing or wrong private key with a JSON:API error document', async () => {
    for (const headers of [{ revision: '2026-07-15' }, { ...KLAVIYO_HEADERS, authorization: 'Klaviyo-API-Key pk_wrong' }]) {
      const response = await get('/api/profiles', headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/vnd.api+json');
      expect(response.json().errors[0]).toMatchObject({ status: 401, code: 'not_authenticated', title: expect.any(String), detail: expect.any(String), id: expect.any(String) });
    }
  });

  it('requires a well-formed revision header', async () => {
    const { revision: _omit, ...noRevision } = KLAVIYO_HEADERS;
    const missing = await get('/api/profiles', noRevision);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ code: 'invalid', source: { parameter: 'revision' } });
    expect((await get('/api/profiles', { ...KLAVIYO_HEADERS, revision: 'latest' })).statusCode).toBe(400);
    expect((await get('/api/profiles', { ...KLAVIYO_HEADERS, revision: '2026-07-15.pre' })).statusCode).toBe(200);
  });

  it('answers 404 documents for unknown profiles and paths', async () => {
    const profile = await get('/api/profiles/01JNOPE');
    expect(profile.statusCode).toBe(404);
    expect(profile.json().errors[0].code).toBe('not_found');
    expect((await get('/api/nothing-here')).json().errors[0].status).toBe(404);
  });
});

describe('Klaviyo sandbox: profiles', () => {
  const { get, world, state } = klaviyoTestSandbox();
  const held = world.people.filter((p) => p.klaviyo);

  it('gets one profile in the JSON:API shape with an absolute self link', async () => {
    const person = held[0]!;
    const body: Json = (await get(`/api/profiles/${person.klaviyo!.profileId}`)).json();
    expect(body.data).toMatchObject({ type: 'profile', id: person.klaviyo!.profileId, attributes: { email: person.klaviyo!.email.trim(), first_name: person.firstName } });
    expect(body.data.attributes.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(body.data.links.self).toMatch(/^http:\/\/.+\/api\/profiles\/01J/);
    expect(body.data.attributes.subscriptions).toBeUndefined();
    expect(body.data.attributes.predictive_analytics).toBeUndefined();
  });

  it('filters by email (equals, any; case-insensitive), id, phone number and external id', async () => {
    const [a, b] = held;
    const one: Json = (await get(`/api/profiles?filter=${encodeURIComponent(`equals(email,"${a!.email.toUpperCase()}")`)}`)).json();
    expect(one.data.map((p: Json) => p.id)).toEqual([a!.klaviyo!.profileId]);
    const many: Json = (await get(`/api/profiles?filter=${encodeURIComponent(`any(email,["${a!.email}","${b!.email}","nobody@example.com"])`)}`)).json();
    expect(many.data.map((p: Json) => p.id).sort()).toEqual([a!.klaviyo!.profileId, b!.klaviyo!.profileId].sort());
    const byId: Json = (await get(`/api/profiles?filter=${encodeURIComponent(`any(id,["${a!.klaviyo!.profileId}"])`)}`)).json();
    expect(byId.data).toHaveLength(1);
    const withPhone = held.find((p) => p.klaviyo!.phoneNumber)!;
    const byPhone: Json = (await get(`/api/profiles?filter=${encodeURIComponent(`equals(phone_number,"${withPhone.klaviyo!.phoneNumber}")`)}`)).json();
    expect(byPhone.data.map((p: Json) => p.id)).toEqual([withPhone.klaviyo!.profileId]);
    const external: Json = (await get(`/api/profiles?filter=${encodeURIComponent('any(external_id,["x-1"])')}`)).json();
    expect(external.data).toEqual([]);
  });

  it('compares created/updated strictly, and refuses operators Klaviyo does not allow', async () => {
    const cut = '2026-06-01T00:00:00Z';
    const after: Json = (await get(`/api/profiles?page[size]=100&filter=greater-than(updated,${cut})`)).json();
    const expected = [...state.profiles.values()].filter((p) => Date.parse(p.updated) > Date.parse(cut)).length;
    expect(after.data).toHaveLength(expected);
    expect(after.data.every((p: Json) => Date.parse(p.attributes.updated) > Date.parse(cut))).toBe(true);
    const both: Json = (await get(`/api/profiles?page[size]=100&filter=and(greater-than(created,2025-01-01T00:00:00Z),less-than(created,${cut}))`)).json();
    expect(both.data.every((p: Json) => p.attributes.created > '2025-01-01' && p.attributes.created < '2026-06-01')).toBe(true);

    for (const filter of [`greater-or-equal(updated,${cut})`, 'equals(first_name,"Ada")', 'any(email,"a@b.example")', 'equals(email,"unterminated)']) {
      const response = await get(`/api/profiles?filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, filter).toBe(400);
      expect(response.json().errors[0].source).toEqual({ parameter: 'filter' });
    }
  });

  it('sorts by updated descending and refuses unknown sorts', async () => {
    const body: Json = (await get('/api/profiles?sort=-updated&page[size]=100')).json();
    const updated = body.data.map((p: Json) => Date.parse(p.attributes.updated));
    expect(updated).toEqual([...updated].sort((x, y) => y - x));
    expect((await get('/api/profiles?sort=first_name')).statusCode).toBe(400);
  });

  it('pages to the last page through absolute links.next, every profile once', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/profiles?page[size]=7&sort=email';
    let pages = 0;
    while (url) {
      const body: Json = (await get(url.replace(/^http:\/\/[^/]+/, ''))).json();
      seen.push(...body.data.map((p: Json) => p.id));
      if (body.links.next) {
        expect(body.links.next).toMatch(/^http:\/\/[^/]+\/api\/profiles\?/);
        expect(new URL(body.links.next).searchParams.get('sort')).toBe('email');
      }
      url = body.links.next;
      pages++;
    }
    expect(pages).toBe(Math.ceil(held.length / 7));
    expect(new Set(seen).size).toBe(held.length);
    expect((await get('/api/profiles?page[size]=101')).statusCode).toBe(400);
    expect((await get('/api/profiles?page[cursor]=not-a-cursor')).json().errors[0].source).toEqual({ parameter: 'page[cursor]' });
  });

  it('returns subscriptions that follow each person’s consent, and predictive analytics from their orders', async () => {
    const body: Json = (await get('/api/profiles?page[size]=100&additional-fields[profile]=subscriptions,predictive_analytics')).json();
    for (const resource of body.data) {
      const person = held.find((p) => p.klaviyo!.profileId === resource.id)!;
      const { email, sms } = resource.attributes.subscriptions;
      expect(email.marketing.consent).toBe(person.consent.email);
      expect(sms.marketing.consent).toBe(person.klaviyo!.phoneNumber ? person.consent.sms : 'NEVER_SUBSCRIBED');
      expect(sms.marketing.can_receive_sms_marketing).toBe(sms.marketing.consent === 'SUBSCRIBED');
      if (person.consent.email === 'UNSUBSCRIBED') {
        expect(email.marketing.can_receive_email_marketing).toBe(false);
        expect(email.marketing.suppression.map((s: Json) => s.reason)).toEqual([expect.stringMatching(/^(UNSUBSCRIBE|SPAM_COMPLAINT)$/)]);
      }
      if (email.marketing.suppression.length === 0) expect(email.marketing.can_receive_email_marketing).toBe(true);
      const orders = person.shopify?.orders ?? [];
      const predictive = resource.attributes.predictive_analytics;
      expect(predictive.historic_number_of_orders).toBe(orders.length);
      expect(predictive.historic_clv).toBeCloseTo(orders.reduce((sum, o) => sum + Number(o.total), 0), 2);
      if (orders.length === 0) expect(predictive.predicted_clv).toBeNull();
      if (orders.length >= 2) expect(predictive.expected_date_of_next_order).toMatch(/\+00:00$/);
    }
    const methods = new Set(body.data.map((r: Json) => r.attributes.subscriptions.email.marketing.consent));
    expect(methods).toEqual(new Set(['SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED']));
    expect((await get('/api/profiles?additional-fields[profile]=everything')).statusCode).toBe(400);
  });

  it('keeps emails as the person typed them (trimmed), matching the world under normalization', async () => {
    const body: Json = (await get('/api/profiles?page[size]=100')).json();
    for (const resource of body.data) {
      const person = held.find((p) => p.klaviyo!.profileId === resource.id)!;
      expect(resource.attributes.email).toBe(resource.attributes.email.trim());
      expect(normalizeEmail(resource.attributes.email)).toBe(person.email);
    }
  });

  it('is the same account for the same seed', async () => {
    const again = klaviyoTestSandbox();
    const url = '/api/profiles?page[size]=100&additional-fields[profile]=subscriptions,predictive_analytics';
    const strip = (body: Json) => JSON.stringify(body);
    expect(strip((await again.get(url)).json())).toBe(strip((await get(url)).json()));
  });
});

describe('Klaviyo sandbox: lists and segments', () => {
  const { get, state, world } = klaviyoTestSandbox();
  const { newsletter, sms } = state.catalog.lists;

  it('lists the account’s lists ten at most per page, with opt-in process', async () => {
    const body: Json = (await get('/api/lists')).json();
    expect(body.data.map((l: Json) => l.attributes.name).sort()).toEqual(['Newsletter', 'SMS Subscribers', 'VIP Customers']);
    expect(body.data.find((l: Json) => l.id === newsletter.id).attributes.opt_in_process).toBe('double_opt_in');
    expect((await get('/api/lists?page[size]=11')).statusCode).toBe(400);
    expect((await get(`/api/lists/${sms.id}`)).json().data.attributes.name).toBe('SMS Subscribers');
  });

  it('holds the email-subscribed in the newsletter and finds members by email with any()', async () => {
    const subscribed = world.people.filter((p) => p.klaviyo && p.consent.email === 'SUBSCRIBED');
    const members: Json = (await get(`/api/lists/${newsletter.id}/profiles?page[size]=100`)).json();
    expect(members.data.map((p: Json) => p.id).sort()).toEqual(subscribed.map((p) => p.klaviyo!.profileId).sort());
    expect(members.data[0].attributes.joined_group_at).toMatch(/\+00:00$/);
    const someone = subscribed[0]!;
    const outsider = world.people.find((p) => p.klaviyo && p.consent.email === 'NEVER_SUBSCRIBED')!;
    const filter = encodeURIComponent(`any(email,["${someone.email}","${outsider.email}"])`);
    const found: Json = (await get(`/api/lists/${newsletter.id}/profiles?filter=${filter}`)).json();
    expect(found.data.map((p: Json) => p.id)).toEqual([someone.klaviyo!.profileId]);
    expect((await get(`/api/lists/${newsletter.id}/profiles?filter=${encodeURIComponent('any(id,["x"])')}`)).statusCode).toBe(400);
  });

  it('relates each profile to its lists and segments', async () => {
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'SUBSCRIBED' && (p.shopify?.orders.length ?? 0) >= 2)!;
    const id = person.klaviyo!.profileId;
    const lists: Json = (await get(`/api/profiles/${id}/lists`)).json();
    expect(lists.data.map((l: Json) => l.id)).toContain(newsletter.id);
    const relationship: Json = (await get(`/api/profiles/${id}/relationships/lists`)).json();
    expect(relationship.data).toContainEqual({ type: 'list', id: newsletter.id });
    const segments: Json = (await get(`/api/profiles/${id}/segments`)).json();
    expect(segments.data.map((s: Json) => s.attributes.name)).toContain('Repeat buyers');
    const repeat = state.catalog.segments.find((s) => s.rule === 'repeat-buyers')!;
    const members: Json = (await get(`/api/segments/${repeat.id}/profiles?page[size]=100`)).json();
    expect(members.data.map((p: Json) => p.id)).toContain(id);
    expect((await get('/api/segments')).json().data).toHaveLength(4);
  });
});
