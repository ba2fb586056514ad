/**
 * The contract of the identity store's one write path (commitResolution): merges with aliases and
 * history, refused merges recorded once, optimistic concurrency, and the customer filter.
 * Called from identity-store.contract.ts, so both adapters run it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity, Source } from '../../connectors/unified/identity.js';
import type { StoreFixture } from './identity-store.contract.js';
import type { CustomerRecord, IdentityConflict, IdentityStore, MergeRecord, ResolutionWrite } from './identity-store.js';

const AT = '2026-11-01T00:00:00.000Z';
const LATER = '2026-11-02T00:00:00.000Z';
const email = (value: string): Identity => ({ kind: 'EMAIL', value });
const shopify = (value: string): Identity => ({ kind: 'SHOPIFY', value });
const hubspot = (value: string): Identity => ({ kind: 'HUBSPOT', value });

function mergeRecord(survivorId: string, absorbedId: string, linkedBy: Identity[]): MergeRecord {
  return { at: LATER, survivorId, absorbedId, source: 'shopify', sourceRecordId: 'rec-1', linkedBy, reason: 'test merge' };
}

function conflict(id: string, at: string, customerIds: string[]): IdentityConflict {
  return {
    id,
    at,
    reason: 'KIND_LIMIT',
    kind: 'SHOPIFY',
    customerIds,
    linkedBy: [email('home@example.com')],
    source: 'shopify',
    sourceRecordId: 'rec-9',
    message: 'refused',
  };
}

const write = (w: Partial<ResolutionWrite> & Pick<ResolutionWrite, 'target'>): ResolutionWrite => ({
  at: LATER,
  expected: [],
  expectedFree: [],
  create: false,
  attach: [],
  absorb: [],
  conflicts: [],
  ...w,
});

export function describeResolutionWriteContract(name: string, create: () => Promise<StoreFixture<IdentityStore>>): void {
  describe(`IdentityStore resolution writes: ${name}`, () => {
    let fixture: StoreFixture<IdentityStore>;
    let store: IdentityStore;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    async function customer(id: string, identities: Identity[], at = AT, source: Source = 'hub'): Promise<CustomerRecord> {
      expect(await store.createCustomer(id, identities, at, source)).toEqual({ ok: true });
      return (await store.getCustomer(id))!;
    }

    it('merges a customer into another: identifiers move, the absorbed id becomes an alias, history is kept', async () => {
      const a = await customer('cus_a', [email('a@example.com'), shopify('1')], AT, 'shopify');
      const b = await customer('cus_b', [hubspot('7'), email('b@example.com')], LATER, 'hubspot');
      const merge = mergeRecord('cus_a', 'cus_b', [email('b@example.com')]);
      const result = await store.commitResolution(
        write({
          source: 'klaviyo',
          target: 'cus_a',
          expected: [
            { customerId: 'cus_a', version: a.version },
            { customerId: 'cus_b', version: b.version },
          ],
          expectedFree: [{ kind: 'KLAVIYO', value: 'K1' }],
          attach: [{ kind: 'KLAVIYO', value: 'K1' }],
          absorb: [{ record: b, merge }],
        }),
      );
      expect(result).toEqual({ ok: true });
      const survivor = (await store.getCustomer('cus_a'))!;
      expect(survivor.identities).toEqual([
        email('a@example.com'),
        email('b@example.com'),
        hubspot('7'),
        shopify('1'),
        { kind: 'KLAVIYO', value: 'K1' },
      ]);
      expect(survivor.sources).toEqual(['hubspot', 'klaviyo', 'shopify']);
      expect(survivor.version).toBeGreaterThan(a.version);
      expect(survivor.updatedAt).toBe(LATER);
      expect(await store.getCustomer('cus_b')).toBeUndefined();
      expect(await store.findCustomerId(hubspot('7'))).toBe('cus_a');
      expect(await store.canonicalCustomerId('cus_b')).toBe('cus_a');
      expect(await store.canonicalCustomerId('cus_a')).toBe('cus_a');
      expect(await store.canonicalCustomerId('cus_nobody')).toBeUndefined();
      expect(await store.getAliases('cus_a')).toEqual(['cus_b']);
      expect(await store.getMerges('cus_a')).toEqual([merge]);
      expect(await store.countCustomers()).toBe(1);
      expect(await store.listPendingDataMerges()).toEqual([{ survivorId: 'cus_a', absorbedId: 'cus_b' }]);
      await store.completeDataMerge('cus_b');
      expect(await store.listPendingDataMerges()).toEqual([]);
    });

    it('follows alias chains and keeps the absorbed customers’ own history', async () => {
      const a = await customer('cus_a', [email('a@example.com')]);
      const b = await customer('cus_b', [email('b@example.com')], LATER);
      const c = await customer('cus_c', [email('c@example.com')], LATER);
      const bIntoC = mergeRecord('cus_c', 'cus_b', [email('b@example.com')]);
      await store.commitResolution(write({ target: 'cus_c', expected: [{ customerId: 'cus_b', version: b.version }, { customerId: 'cus_c', version: c.version }], absorb: [{ record: b, merge: bIntoC }] }));
      const c2 = (await store.getCustomer('cus_c'))!;
      const cIntoA = mergeRecord('cus_a', 'cus_c', [email('c@example.com')]);
      await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_c', version: c2.version }], absorb: [{ record: c2, merge: cIntoA }] }));
      expect(await store.canonicalCustomerId('cus_b')).toBe('cus_a');
      expect(await store.getAliases('cus_a')).toEqual(['cus_b', 'cus_c']);
      expect(await store.getMerges('cus_a')).toEqual([bIntoC, cIntoA]);
      expect((await store.getCustomer('cus_a'))!.identities).toEqual([email('a@example.com'), email('b@example.com'), email('c@example.com')]);
    });

    it('writes nothing when a customer it read has changed, or an identifier it saw free was claimed', async () => {
      const a = await customer('cus_a', [email('a@example.com')]);
      const b = await customer('cus_b', [email('b@example.com')]);
      await store.attachIdentities('cus_b', [hubspot('9')], LATER); // b moves on after being read
      const stale = await store.commitResolution(
        write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_b', version: b.version }], absorb: [{ record: b, merge: mergeRecord('cus_a', 'cus_b', []) }] }),
      );
      expect(stale).toEqual({ ok: false, reason: 'STALE' });
      expect(await store.getCustomer('cus_b')).toBeDefined();
      expect(await store.getMerges('cus_a')).toEqual([]);

      const claimed = await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }], expectedFree: [hubspot('9')], attach: [hubspot('9')] }));
      expect(claimed).toEqual({ ok: false, reason: 'STALE' });
      expect(await store.findCustomerId(hubspot('9'))).toBe('cus_b');
    });

    it('refuses to create an id that exists or was merged away', async () => {
      const a = await customer('cus_a', [email('a@example.com')]);
      const b = await customer('cus_b', [email('b@example.com')]);
      await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_b', version: b.version }], absorb: [{ record: b, merge: mergeRecord('cus_a', 'cus_b', []) }] }));
      for (const id of ['cus_a', 'cus_b']) {
        const again = await store.commitResolution(write({ target: id, create: true, expectedFree: [email('new@example.com')], attach: [email('new@example.com')] }));
        expect(again).toEqual({ ok: false, reason: 'EXISTS' });
      }
      expect(await store.findCustomerId(email('new@example.com'))).toBeUndefined();
    });

    it('lets one of two concurrent merges of the same customer win, and the other write nothing', async () => {
      const a = await customer('cus_a', [email('a@example.com')]);
      const b = await customer('cus_b', [email('b@example.com')]);
      const c = await customer('cus_c', [email('c@example.com')]);
      const results = await Promise.all([
        store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_c', version: c.version }], absorb: [{ record: c, merge: mergeRecord('cus_a', 'cus_c', []) }] })),
        store.commitResolution(write({ target: 'cus_b', expected: [{ customerId: 'cus_b', version: b.version }, { customerId: 'cus_c', version: c.version }], absorb: [{ record: c, merge: mergeRecord('cus_b', 'cus_c', []) }] })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = (await store.canonicalCustomerId('cus_c'))!;
      expect((await store.getCustomer(winner))!.identities).toContainEqual(email('c@example.com'));
      const loser = winner === 'cus_a' ? 'cus_b' : 'cus_a';
      expect(await store.getMerges(loser)).toEqual([]);
      expect(await store.countCustomers()).toBe(2);
    });

    it('records a refused merge once, on every customer involved, and pages conflicts newest first', async () => {
      const a = await customer('cus_a', [shopify('1')]);
      const b = await customer('cus_b', [shopify('2')]);
      const first = conflict('conf_1', AT, ['cus_a', 'cus_b']);
      const second = conflict('conf_2', LATER, ['cus_b', 'cus_a']);
      for (let i = 0; i < 2; i++) {
        expect(await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }], conflicts: [first] }))).toEqual({ ok: true });
      }
      await store.commitResolution(write({ target: 'cus_b', expected: [{ customerId: 'cus_b', version: b.version }], conflicts: [second] }));
      expect(await store.countConflicts()).toBe(2);
      // A recorded conflict changes no customer's identity: their versions stay.
      expect((await store.getCustomer('cus_a'))!.version).toBe(a.version);
      expect(await store.getConflicts('cus_a')).toEqual([second, first]);
      const page = await store.listConflicts(1);
      expect(page.conflicts).toEqual([second]);
      const next = await store.listConflicts(1, page.endCursor);
      expect(next.conflicts).toEqual([first]);
      expect(next.endCursor).toBeUndefined();
      expect(next.hasNextPage).toBe(false);
      expect((await store.listConflicts(0)).hasNextPage).toBe(true);
    });

    it('carries the absorbed customer’s conflicts to the survivor', async () => {
      const a = await customer('cus_a', [email('a@example.com')]);
      const b = await customer('cus_b', [shopify('2')]);
      await store.commitResolution(write({ target: 'cus_b', expected: [{ customerId: 'cus_b', version: b.version }], conflicts: [conflict('conf_b', AT, ['cus_b'])] }));
      await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_b', version: b.version }], absorb: [{ record: b, merge: mergeRecord('cus_a', 'cus_b', []) }] }));
      expect((await store.getConflicts('cus_a')).map((c) => c.id)).toEqual(['conf_b']);
    });

    it('filters customers by identifier kinds, source, email domain and creation time, paging stably', async () => {
      await customer('cus_1', [email('one@shop.example'), shopify('1')], '2026-01-01T00:00:00.000Z', 'shopify');
      await customer('cus_2', [email('two@mail.example'), hubspot('2')], '2026-02-01T00:00:00.000Z', 'hubspot');
      await customer('cus_3', [email('three@shop.example'), shopify('3'), hubspot('3')], '2026-03-01T00:00:00.000Z', 'shopify');
      await customer('cus_4', [email('four@shop.example')], '2026-04-01T00:00:00.000Z', 'klaviyo');
      await customer('cus_5', [shopify('5')], '2026-05-01T00:00:00.000Z', 'shopify');
      const ids = async (filter: Parameters<IdentityStore['listCustomers']>[2], first = 10, after?: string) =>
        (await store.listCustomers(first, after, filter)).customers.map((c) => c.id);

      expect(await ids({ hasIdentityKinds: ['SHOPIFY'] })).toEqual(['cus_1', 'cus_3', 'cus_5']);
      expect(await ids({ hasIdentityKinds: ['SHOPIFY', 'HUBSPOT'] })).toEqual(['cus_3']);
      expect(await ids({ source: 'shopify' })).toEqual(['cus_1', 'cus_3', 'cus_5']);
      expect(await ids({ emailDomain: 'shop.example' })).toEqual(['cus_1', 'cus_3', 'cus_4']);
      expect(await ids({ createdAfter: '2026-02-01T00:00:00.000Z', createdBefore: '2026-04-01T00:00:00.000Z' })).toEqual(['cus_2', 'cus_3']);
      expect(await ids({ emailDomain: 'shop.example', source: 'shopify' })).toEqual(['cus_1', 'cus_3']);
      expect(await ids({ emailDomain: 'nowhere.example' })).toEqual([]);

      const page = await store.listCustomers(2, undefined, { hasIdentityKinds: ['SHOPIFY'] });
      expect(page.customers.map((c) => c.id)).toEqual(['cus_1', 'cus_3']);
      await customer('cus_0', [shopify('0')], AT, 'shopify'); // before the cursor: must not shift the next page
      const rest = await store.listCustomers(2, page.endCursor, { hasIdentityKinds: ['SHOPIFY'] });
      expect(rest.customers.map((c) => c.id)).toEqual(['cus_5']);
      expect(rest.endCursor).toBeUndefined();

      expect(await store.countCustomers({ hasIdentityKinds: ['SHOPIFY'] })).toBe(4);
      expect(await store.countCustomers({ emailDomain: 'shop.example', source: 'shopify' })).toBe(2);
      expect(await store.countCustomers({ createdBefore: '2026-02-15T00:00:00.000Z' })).toBe(2);
      expect(await store.countCustomers()).toBe(6);
    });

    it('moves a merged customer between filter indexes', async () => {
      const a = await customer('cus_a', [email('a@one.example')], AT, 'shopify');
      const b = await customer('cus_b', [email('b@two.example'), hubspot('2')], LATER, 'hubspot');
      await store.commitResolution(write({ target: 'cus_a', expected: [{ customerId: 'cus_a', version: a.version }, { customerId: 'cus_b', version: b.version }], absorb: [{ record: b, merge: mergeRecord('cus_a', 'cus_b', []) }] }));
      expect((await store.listCustomers(10, undefined, { emailDomain: 'two.example' })).customers.map((c) => c.id)).toEqual(['cus_a']);
      expect((await store.listCustomers(10, undefined, { source: 'hubspot' })).customers.map((c) => c.id)).toEqual(['cus_a']);
      expect(await store.countCustomers({ hasIdentityKinds: ['HUBSPOT'] })).toBe(1);
    });
  });
}
