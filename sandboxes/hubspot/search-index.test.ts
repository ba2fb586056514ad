/**
 * CRM search with `EQ` / `IN` on email or hs_google_click_id is answered through the object
 * store's indexes (object-store.ts) instead of a scan of every record: these tests change
 * contacts through the admin actions, the mutations every change goes through and GDPR delete,
 * and check that the search still finds exactly what a scan would.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHubSpotSandbox } from './app.js';
import { setProperties } from './mutations.js';
import { buildHubSpotState } from './state.js';
import { api, hubSpotPeople, WORLD } from './test/sandbox-fixture.js';

const state = buildHubSpotState(WORLD);
const sandbox = createHubSpotSandbox({ state, rateLimits: { searchPerSecond: 1000 } });
afterAll(() => sandbox.app.close());
const people = hubSpotPeople();
const eq = (propertyName: string, value: string) => ({ filterGroups: [{ filters: [{ propertyName, operator: 'EQ', value }] }], properties: ['email'] });
const found = async (body: unknown): Promise<string[]> => (await api(sandbox, 'POST', '/crm/v3/objects/contacts/search', body)).body.results.map((r: { id: string }) => r.id);

describe('CRM search through the property indexes', () => {
  it('finds a contact created by the admin action by its email, any case', async () => {
    expect(await found(eq('email', 'indexed.newcomer@example.com'))).toEqual([]);
    const created = await api(sandbox, 'POST', '/__sandbox/actions/contacts', { email: 'indexed.newcomer@example.com', firstname: 'Ina' });
    expect(created.status).toBe(201);
    const id = created.body.record.id as string;
    expect(await found(eq('email', 'Indexed.Newcomer@EXAMPLE.com'))).toEqual([id]);
    expect(await found({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: ['nobody@example.com', 'INDEXED.NEWCOMER@example.com'] }] }] })).toEqual([id]);
  });

  it('finds a contact whose email or gclid changed by the new value, not the old one', async () => {
    const person = people[5]!;
    const contact = state.objects.contacts.get(person.hubspot!.contactId)!;
    const old = contact.properties.email!;
    setProperties(state, 'contacts', contact, { email: 'changed.address@example.com', hs_google_click_id: 'Cj0KCQchangedGclid000000001' }, '2026-11-01T00:00:00.000Z');
    expect(await found(eq('email', 'CHANGED.address@example.com'))).toEqual([contact.id]);
    expect(await found(eq('email', old))).toEqual([]);
    expect(await found(eq('hs_google_click_id', 'Cj0KCQchangedGclid000000001'))).toEqual([contact.id]);
    if (person.hubspot!.googleClickId) expect(await found(eq('hs_google_click_id', person.hubspot!.googleClickId))).toEqual([]);
  });

  it('no longer finds a contact after a GDPR delete', async () => {
    const person = people[7]!;
    expect(await found(eq('email', person.email))).toEqual([person.hubspot!.contactId]);
    expect((await api(sandbox, 'POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: person.hubspot!.contactId })).status).toBe(204);
    expect(await found(eq('email', person.email))).toEqual([]);
  });

  it('answers as a scan does: groups ORed, other filters ANDed, sorted by id, indexed or not', async () => {
    const some = people.slice(10, 16);
    const emails = some.map((p) => p.email.toUpperCase());
    const ids = some.map((p) => p.hubspot!.contactId).sort((a, b) => Number(a) - Number(b));
    expect(await found({ limit: 100, filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: emails }] }] })).toEqual(ids);
    const stage = some[0]!.hubspot!.lifecycleStage;
    const both = await found({
      limit: 100,
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'IN', values: emails }, { propertyName: 'lifecyclestage', operator: 'EQ', value: stage }] },
        { filters: [{ propertyName: 'email', operator: 'EQ', value: people[20]!.email }] },
      ],
    });
    const inStage = some.map((p) => p.hubspot!.contactId).filter((id) => state.objects.contacts.get(id)!.properties.lifecyclestage === stage);
    const expected = [...inStage, people[20]!.hubspot!.contactId].sort((a, b) => Number(a) - Number(b));
    expect(both).toEqual(expected);
    // A group without an indexed filter makes it a scan; the answer is the same union.
    const mixed = await found({
      limit: 200,
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: emails }] }, { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: stage }] }],
    });
    const byStage = [...state.objects.contacts.all()].filter((c) => c.properties.lifecyclestage === stage).map((c) => c.id);
    expect(new Set(mixed)).toEqual(new Set([...ids, ...byStage]));
  });
});
