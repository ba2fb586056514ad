import { afterAll, describe, expect, it } from 'vitest';
import { api, hubSpotPeople, hubSpotSandbox } from './test/sandbox-fixture.js';

const sandbox = hubSpotSandbox({ rateLimits: { searchPerSecond: 1000 } });
afterAll(() => sandbox.app.close());
const people = hubSpotPeople();
const search = (body: unknown, type = 'contacts') => api(sandbox, 'POST', `/crm/v3/objects/${type}/search`, body);
const ids = (body: { results: { id: string }[] }) => body.results.map((r) => r.id);

describe('CRM search', () => {
  it('finds by email with EQ, ignoring case, and reports the total', async () => {
    const someone = people[3]!;
    const { status, body } = await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: someone.email.toUpperCase() }] }], properties: ['email'] });
    expect(status).toBe(200);
    expect(body).toEqual({ total: 1, results: [expect.objectContaining({ id: someone.hubspot!.contactId, properties: { email: someone.email } })] });
  });

  it('ANDs filters within a group and ORs the groups', async () => {
    const customers = people.filter((p) => p.hubspot!.lifecycleStage === 'customer');
    const owned = customers.filter((p) => p.hubspot!.ownerId === '7000001');
    const leads = people.filter((p) => p.hubspot!.lifecycleStage === 'lead');
    const { body } = await search({
      limit: 200,
      filterGroups: [
        { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }, { propertyName: 'hubspot_owner_id', operator: 'EQ', value: '7000001' }] },
        { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] },
      ],
    });
    expect(new Set(ids(body))).toEqual(new Set([...owned, ...leads].map((p) => p.hubspot!.contactId)));
  });

  it('supports IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, NEQ, BETWEEN and CONTAINS_TOKEN', async () => {
    const count = async (filter: object) => (await search({ limit: 200, filterGroups: [{ filters: [filter] }] })).body.total as number;
    const withPhone = people.filter((p) => p.hubspot!.phone).length;
    expect(await count({ propertyName: 'phone', operator: 'HAS_PROPERTY' })).toBe(withPhone);
    expect(await count({ propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' })).toBe(people.length - withPhone);
    const stages = ['lead', 'subscriber'];
    const inStages = people.filter((p) => stages.includes(p.hubspot!.lifecycleStage)).length;
    expect(await count({ propertyName: 'lifecyclestage', operator: 'IN', values: stages })).toBe(inStages);
    expect(await count({ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: stages })).toBe(people.length - inStages);
    expect(await count({ propertyName: 'lifecyclestage', operator: 'NEQ', value: 'lead' })).toBe(people.filter((p) => p.hubspot!.lifecycleStage !== 'lead').length);
    const [from, to] = ['2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'];
    const between = people.filter((p) => p.hubspot!.createdAt >= from && p.hubspot!.createdAt <= to).length;
    expect(await count({ propertyName: 'createdate', operator: 'BETWEEN', value: String(Date.parse(from)), highValue: to })).toBe(between);
    const domain = people.filter((p) => p.email.endsWith('@mail.example')).length;
    expect(await count({ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@mail.example' })).toBe(domain);
  });

  it('compares datetimes given as epoch milliseconds and sorts by one property either way', async () => {
    const cutoff = [...people].map((p) => p.hubspot!.updatedAt).sort()[20]!;
    const after = people.filter((p) => p.hubspot!.updatedAt >= cutoff).map((p) => p.hubspot!.updatedAt).sort();
    const asc = await search({ limit: 200, filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(cutoff)) }] }], sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }], properties: ['lastmodifieddate'] });
    expect(asc.body.results.map((r: { properties: { lastmodifieddate: string } }) => r.properties.lastmodifieddate)).toEqual(after);
    const desc = await search({ limit: 200, filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: cutoff }] }], sorts: ['-lastmodifieddate'], properties: ['lastmodifieddate'] });
    expect(desc.body.results.map((r: { properties: { lastmodifieddate: string } }) => r.properties.lastmodifieddate)).toEqual([...after].reverse());
  });

  it('pages with an offset `after` in the body, 200 results at most per page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { body } = await search({ limit: 15, ...(after ? { after } : {}), sorts: ['createdate'] });
      seen.push(...ids(body));
      after = body.paging?.next?.after;
    } while (after);
    expect(seen).toHaveLength(people.length);
    expect(new Set(seen).size).toBe(people.length);
    const tooBig = await search({ limit: 201 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({ category: 'VALIDATION_ERROR', message: 'limit must be at most 200' });
  });

  it('searches deals and engagements too, with a free-text query', async () => {
    const won = await search({ limit: 200, filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' }] }] }, 'deals');
    expect(won.body.total).toBeGreaterThan(0);
    const emails = await search({ query: 'quote', properties: ['hs_email_subject'], limit: 200 }, 'emails');
    for (const r of emails.body.results) expect(r.properties.hs_email_subject.toLowerCase()).toContain('quote');
  });

  it('refuses malformed searches with VALIDATION_ERROR', async () => {
    const tooManyGroups = { filterGroups: Array.from({ length: 6 }, () => ({ filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] })) };
    expect((await search(tooManyGroups)).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' }] }] })).status).toBe(400);
    expect((await search({ sorts: ['email', 'createdate'] })).status).toBe(400);
  });
});

describe('the search result cap', () => {
  it('offers the next page past the cap, then refuses it with a 400, as HubSpot does at 10,000', async () => {
    const capped = hubSpotSandbox({ searchResultCap: 10 });
    const first = await api(capped, 'POST', '/crm/v3/objects/contacts/search', { limit: 6 });
    expect(first.body.total).toBe(people.length);
    const second = await api(capped, 'POST', '/crm/v3/objects/contacts/search', { limit: 6, after: first.body.paging.next.after });
    expect(second.body.results).toHaveLength(4);
    expect(second.body.paging.next.after).toBe('10');
    const beyond = await api(capped, 'POST', '/crm/v3/objects/contacts/search', { limit: 6, after: '10' });
    expect(beyond.status).toBe(400);
    expect(beyond.body.category).toBe('VALIDATION_ERROR');
    await capped.app.close();
  });
});
