import { afterAll, describe, expect, it } from 'vitest';
import { api, hubSpotPeople, hubSpotSandbox } from './test/sandbox-fixture.js';

const sandbox = hubSpotSandbox();
afterAll(() => sandbox.app.close());
const people = hubSpotPeople();
const someone = people[0]!;

describe.each(['/crm/v3/objects', '/crm/objects/2026-09'])('CRM objects under %s', (prefix) => {
  it('gets a contact by id with the requested properties, all strings, unknown names omitted', async () => {
    const { status, body } = await api(sandbox, 'GET', `${prefix}/contacts/${someone.hubspot!.contactId}?properties=email,lifecyclestage,phone,no_such_property`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: someone.hubspot!.contactId,
      properties: { email: someone.email, lifecyclestage: someone.hubspot!.lifecycleStage, phone: someone.hubspot!.phone ?? null },
      createdAt: someone.hubspot!.createdAt,
      updatedAt: someone.hubspot!.updatedAt,
      archived: false,
    });
  });

  it('gets a contact by email with idProperty=email, whatever its case', async () => {
    const { status, body } = await api(sandbox, 'GET', `${prefix}/contacts/${encodeURIComponent(someone.email.toUpperCase())}?idProperty=email`);
    expect(status).toBe(200);
    expect(body.id).toBe(someone.hubspot!.contactId);
    expect(Object.keys(body.properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
  });

  it('answers 404 OBJECT_NOT_FOUND for an unknown id and 400 for an unknown object type', async () => {
    const missing = await api(sandbox, 'GET', `${prefix}/contacts/999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
    const unknownType = await api(sandbox, 'GET', `${prefix}/unicorns/1`);
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.message).toBe('Unable to infer object type from: unicorns');
  });

  it('returns property history and associations on request', async () => {
    const customer = people.find((p) => p.hubspot!.lifecycleStage === 'customer')!;
    const id = customer.hubspot!.contactId;
    const { body } = await api(sandbox, 'GET', `${prefix}/contact/${id}?propertiesWithHistory=lifecyclestage&associations=deals`);
    const history = body.propertiesWithHistory.lifecyclestage;
    expect(history[0]).toMatchObject({ value: 'customer', timestamp: customer.hubspot!.updatedAt });
    expect(history.map((h: { value: string }) => h.value)).toContain('opportunity');
    expect(body.associations.deals.results.length).toBeGreaterThan(0);
    expect(body.associations.deals.results[0]).toMatchObject({ id: expect.stringMatching(/^\d+$/), type: 'contact_to_deal' });
  });

  it('pages through every contact with `after`, omitting paging on the last page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const { body } = await api(sandbox, 'GET', `${prefix}/contacts?limit=7${after ? `&after=${after}` : ''}`);
      seen.push(...body.results.map((r: { id: string }) => r.id));
      after = body.paging?.next?.after;
      if (after) expect(body.paging.next.link).toContain(`after=${after}`);
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(people.length / 7));
    expect(seen).toEqual(people.map((p) => p.hubspot!.contactId).sort((a, b) => Number(a) - Number(b)));
  });

  it('batch-reads by email: 200 when all are found, 207 with the rest when some are missing', async () => {
    const inputs = people.slice(0, 3).map((p) => ({ id: p.hubspot!.email }));
    const all = await api(sandbox, 'POST', `${prefix}/contacts/batch/read`, { idProperty: 'email', inputs, properties: ['email'], propertiesWithHistory: [] });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ status: 'COMPLETE', startedAt: expect.any(String), completedAt: expect.any(String) });
    expect(all.body.results.map((r: { id: string }) => r.id)).toEqual(people.slice(0, 3).map((p) => p.hubspot!.contactId));

    const some = await api(sandbox, 'POST', `${prefix}/contacts/batch/read`, { idProperty: 'email', inputs: [...inputs, { id: 'ghost@nowhere.example' }], properties: ['email'], propertiesWithHistory: [] });
    expect(some.status).toBe(207);
    expect(some.body.results).toHaveLength(3);
    expect(some.body.numErrors).toBe(1);
    expect(some.body.errors[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['ghost@nowhere.example'] } });
  });

  it('refuses more than 100 batch inputs, and a body without inputs', async () => {
    const tooMany = await api(sandbox, 'POST', `${prefix}/contacts/batch/read`, { inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })), properties: [] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.category).toBe('VALIDATION_ERROR');
    const none = await api(sandbox, 'POST', `${prefix}/contacts/batch/read`, {});
    expect(none.status).toBe(400);
  });

  it('serves deals and engagements as CRM objects with their own properties', async () => {
    const deals = await api(sandbox, 'GET', `${prefix}/deals?limit=100&properties=dealname,dealstage,amount,closedate,pipeline`);
    expect(deals.body.results.length).toBeGreaterThan(0);
    for (const deal of deals.body.results) {
      expect(deal.properties).toMatchObject({ pipeline: 'default', amount: expect.stringMatching(/^\d+$/), closedate: expect.any(String) });
    }
    const emails = await api(sandbox, 'GET', `${prefix}/emails?limit=5&properties=hs_email_subject,hs_email_direction,hs_timestamp`);
    expect(emails.body.results[0].properties).toMatchObject({ hs_email_direction: expect.stringMatching(/^(EMAIL|INCOMING_EMAIL)$/), hs_timestamp: expect.any(String) });
    const calls = await api(sandbox, 'GET', `${prefix}/0-48?limit=1&properties=hs_call_disposition,hs_call_duration`);
    expect(calls.body.results[0].properties.hs_call_duration).toMatch(/^\d+$/);
    const notes = await api(sandbox, 'GET', `${prefix}/notes?limit=1&properties=hs_note_body`);
    expect(notes.body.results[0].properties.hs_note_body).toMatch(/^<p>/);
  });
});

describe('auth', () => {
  it('refuses a call without a token, or with a wrong one, as INVALID_AUTHENTICATION', async () => {
    const none = await api(sandbox, 'GET', `/crm/v3/objects/contacts`, undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const wrong = await api(sandbox, 'GET', `/crm/v3/objects/contacts`, undefined, 'pat-na1-wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['x-hubspot-ratelimit-remaining']).toBeUndefined();
  });

  it('refuses the right token once it is revoked, and takes it again when restored', async () => {
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/token', payload: { revoked: true } });
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(401);
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/token', payload: { revoked: false } });
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });
});

describe('GDPR delete', () => {
  it('deletes the contact by id or email (204), then it is gone from reads and the email index', async () => {
    const sb = hubSpotSandbox();
    const [a, b] = people;
    expect((await api(sb, 'POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: a!.hubspot!.contactId })).status).toBe(204);
    expect((await api(sb, 'POST', '/crm/objects/2026-09/contacts/gdpr-delete', { objectId: b!.email, idProperty: 'email' })).status).toBe(204);
    expect((await api(sb, 'GET', `/crm/v3/objects/contacts/${a!.hubspot!.contactId}`)).status).toBe(404);
    expect((await api(sb, 'GET', `/crm/v3/objects/contacts/${b!.email}?idProperty=email`)).status).toBe(404);
    expect((await api(sb, 'POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: a!.hubspot!.contactId })).status).toBe(404);
    const privacy = sb.webhooks.deliveries().filter((d) => d.topic === 'contact.privacyDeletion');
    expect(privacy).toHaveLength(2);
    expect(JSON.parse(privacy[0]!.body)[0]).toMatchObject({ subscriptionType: 'contact.privacyDeletion', objectId: Number(a!.hubspot!.contactId) });
    await sb.app.close();
  });

  it('refuses a body without objectId and changes nothing', async () => {
    const { status, body } = await api(sandbox, 'POST', '/crm/v3/objects/contacts/gdpr-delete', { idProperty: 'email' });
    expect(status).toBe(400);
    expect(body.category).toBe('VALIDATION_ERROR');
    expect(sandbox.state.objects.contacts.size).toBe(people.length);
  });
});
