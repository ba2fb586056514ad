import { afterAll, describe, expect, it } from 'vitest';
import { api, hubSpotPeople, hubSpotSandbox } from './test/sandbox-fixture.js';

const sandbox = hubSpotSandbox();
afterAll(() => sandbox.app.close());
const people = hubSpotPeople();
const customer = people.find((p) => p.hubspot!.lifecycleStage === 'customer')!;
const quiet = people.find((p) => sandbox.state.associations.list('contacts', p.hubspot!.contactId, 'deals').length === 0)!;

describe.each([
  { list: (id: string, to: string) => `/crm/v4/objects/contacts/${id}/associations/${to}`, batch: (to: string) => `/crm/v4/associations/contacts/${to}/batch/read` },
  { list: (id: string, to: string) => `/crm/objects/2026-09/contacts/${id}/associations/${to}`, batch: (to: string) => `/crm/associations/2026-09/contacts/${to}/batch/read` },
])('associations v4 ($batch)', (paths) => {
  it('lists a contact’s deals with HubSpot-defined type 4 and numeric object ids', async () => {
    const { status, body } = await api(sandbox, 'GET', paths.list(customer.hubspot!.contactId, 'deals'));
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(r).toEqual({ toObjectId: expect.any(Number), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }] });
    }
    expect(body.paging).toBeUndefined();
  });

  it('pages associations with `after`', async () => {
    const all = sandbox.state.associations.list('contacts', customer.hubspot!.contactId, 'emails');
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const { body } = await api(sandbox, 'GET', `${paths.list(customer.hubspot!.contactId, 'emails')}?limit=1${after ? `&after=${after}` : ''}`);
      seen.push(...body.results.map((r: { toObjectId: number }) => r.toObjectId));
      after = body.paging?.next?.after;
    } while (after);
    expect(seen).toEqual(all.map((t) => Number(t.toObjectId)));
  });

  it('batch-reads many contacts’ deals in one call; contacts without any are 207 errors', async () => {
    const { status, body } = await api(sandbox, 'POST', paths.batch('deals'), { inputs: [{ id: customer.hubspot!.contactId }, { id: quiet.hubspot!.contactId }] });
    expect(status).toBe(207);
    expect(body.results).toEqual([
      { from: { id: customer.hubspot!.contactId }, to: expect.arrayContaining([expect.objectContaining({ associationTypes: [expect.objectContaining({ typeId: 4 })] })]) },
    ]);
    expect(body.errors).toEqual([expect.objectContaining({ subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [quiet.hubspot!.contactId] } })]);
  });
});

describe('engagements and deals point back at their contact', () => {
  it('associates each email, call and note with its contact (198/194/202) and each deal (3)', async () => {
    const contactId = customer.hubspot!.contactId;
    for (const [type, typeId] of [['emails', 198], ['calls', 194], ['notes', 202], ['deals', 3]] as const) {
      for (const { toObjectId } of sandbox.state.associations.list('contacts', contactId, type)) {
        const { body } = await api(sandbox, 'GET', `/crm/v4/objects/${type}/${toObjectId}/associations/contacts`);
        expect(body.results).toEqual([{ toObjectId: Number(contactId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }] }]);
      }
    }
  });
});
