/**
 * The HubSpot client against the HubSpot sandbox over real HTTP, under both API versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../test/support/hubspot-sandbox.js';
import { createHubSpotClient, type HubSpotClient } from './client.js';

describe.each(['v3', '2026-09'] as const)('HubSpot client (%s paths)', (apiVersion) => {
  let hubspot: RunningHubSpotSandbox;
  let client: HubSpotClient;
  const people = () => hubspot.world.people.filter((p) => p.hubspot);

  beforeAll(async () => {
    hubspot = await startHubSpotSandbox({ apiVersion });
    client = createHubSpotClient(hubspot.connection, testRuntime(), { breaker: false });
  });
  afterAll(async () => {
    client.close();
    await hubspot.close();
  });

  it('reads a contact by id and by email in any spelling; unknown ones are undefined', async () => {
    const person = people()[0]!;
    const byId = await client.getContact(person.hubspot!.contactId);
    expect(byId).toMatchObject({ id: person.hubspot!.contactId, properties: { email: person.email, lifecyclestage: person.hubspot!.lifecycleStage } });
    expect((await client.getContactByEmail(`  ${person.email.toUpperCase()}`))?.id).toBe(person.hubspot!.contactId);
    expect(await client.getContact('999')).toBeUndefined();
    const dated = apiVersion === 'v3' ? '/crm/v3/objects/:objectType/:objectId' : '/crm/objects/2026-09/:objectType/:objectId';
    expect(hubspot.calls()[`GET ${dated}`]).toBeGreaterThan(0);
  });

  it('batch-reads contacts in one call per 100 ids, leaving out the ids HubSpot answers 207 for', async () => {
    hubspot.resetCalls();
    const ids = people().map((p) => p.hubspot!.contactId);
    const contacts = await client.batchReadContacts([...ids, '1', '2']);
    expect(contacts.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(Object.values(hubspot.calls()).reduce((a, b) => a + b, 0)).toBe(1);
    const many = Array.from({ length: 230 }, (_, i) => String(i + 1));
    hubspot.resetCalls();
    await client.batchReadObjects('deals', many);
    expect(Object.values(hubspot.calls())).toEqual([3]);
  });

  it('lists every contact across several pages, to the last one', async () => {
    hubspot.resetCalls();
    const seen: string[] = [];
    let pages = 0;
    for await (const page of client.listContacts(7)) {
      pages++;
      seen.push(...page.map((c) => c.id));
    }
    expect(pages).toBe(Math.ceil(people().length / 7));
    expect(new Set(seen)).toEqual(new Set(people().map((p) => p.hubspot!.contactId)));
    expect(Object.values(hubspot.calls())).toEqual([pages]);
  });

  it('reads associations of many contacts in one call, [] for contacts without any, following per-input paging', async () => {
    const withDeals = people().filter((p) => hubspot.sandbox.state.associations.list('contacts', p.hubspot!.contactId, 'deals').length > 0);
    const ids = people().map((p) => p.hubspot!.contactId);
    const deals = await client.batchReadAssociations('contacts', 'deals', ids);
    for (const id of ids) {
      expect(deals.get(id)).toEqual(hubspot.sandbox.state.associations.list('contacts', id, 'deals').map((t) => t.toObjectId));
    }
    expect(withDeals.length).toBeGreaterThan(0);
  });

  it('pages a contact with more than 500 associations to the end', async () => {
    const contactId = people()[1]!.hubspot!.contactId;
    const { state } = hubspot.sandbox;
    for (let i = 0; i < 520; i++) {
      const id = String(80_000_000_000 + i);
      state.objects.notes.put({ id, properties: { hs_object_id: id, hs_timestamp: '2026-01-01T00:00:00.000Z' }, history: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', archived: false });
      state.associations.add('contacts', contactId, 'notes', id);
    }
    const notes = await client.batchReadAssociations('contacts', 'notes', [contactId]);
    expect(notes.get(contactId)).toHaveLength(state.associations.list('contacts', contactId, 'notes').length);
    expect(notes.get(contactId)!.length).toBeGreaterThanOrEqual(520);
  });

  it('searches one page at a time, giving the next offset', async () => {
    const page = await client.search('contacts', { filterGroups: [], sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }], limit: 5 });
    expect(page.total).toBe(people().length);
    expect(page.results).toHaveLength(5);
    expect(page.after).toBe('5');
  });

  it('reads and sets subscription statuses, reads definitions, owners and the account', async () => {
    const person = people().find((p) => p.consent.email === 'NEVER_SUBSCRIBED')!;
    const definitions = await client.subscriptionDefinitions();
    const marketing = definitions.find((d) => d.purpose === 'Marketing' && d.isDefault)!;
    const before = await client.batchReadSubscriptionStatuses([person.email, people()[0]!.email]);
    expect(before.get(person.email)!.find((s) => s.subscriptionId === marketing.id)!.status).toBe('NOT_SPECIFIED');
    const set = await client.setSubscriptionStatus(person.email, { subscriptionId: marketing.id, statusState: 'SUBSCRIBED', legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: 'test' });
    expect(set).toMatchObject({ status: 'SUBSCRIBED', setStatusSuccessReason: 'REQUESTED_CHANGE_OCCURRED', subscriptionId: marketing.id });
    expect((await client.listOwners()).map((o) => o.id)).toEqual(['7000001', '7000002', '7000003']);
    expect(await client.accountDetails()).toMatchObject({ portalId: 62515, uiDomain: 'app.hubspot.com' });
  });

  it('GDPR-deletes a contact by id or email; false when HubSpot holds none', async () => {
    const [a, b] = people().slice(-2);
    expect(await client.gdprDeleteContact(a!.hubspot!.contactId)).toBe(true);
    expect(await client.gdprDeleteContact(b!.email, 'email')).toBe(true);
    expect(await client.gdprDeleteContact(a!.hubspot!.contactId)).toBe(false);
    expect(await client.getContact(b!.hubspot!.contactId)).toBeUndefined();
  });
});
