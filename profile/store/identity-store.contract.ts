/**
 * The behaviour every IdentityStore adapter must show. Each adapter's test file calls this with
 * a factory; the assertions are the same for memory and Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../connectors/unified/identity.js';
import type { IdentityStore } from './identity-store.js';
import { describeResolutionWriteContract } from './resolution-write.contract.js';

export interface StoreFixture<T> {
  store: T;
  cleanup: () => Promise<void>;
}

const AT = '2026-11-01T00:00:00.000Z';
const email = (value: string): Identity => ({ kind: 'EMAIL', value });
const hubspot = (value: string): Identity => ({ kind: 'HUBSPOT', value });

export function describeIdentityStoreContract(name: string, create: () => Promise<StoreFixture<IdentityStore>>): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let fixture: StoreFixture<IdentityStore>;
    let store: IdentityStore;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('creates a customer and finds it by each identifier', async () => {
      expect(await store.createCustomer('cus_a', [email('a@example.com'), hubspot('101')], AT)).toEqual({ ok: true });
      expect(await store.findCustomerId(email('a@example.com'))).toBe('cus_a');
      expect(await store.findCustomerId(hubspot('101'))).toBe('cus_a');
      expect(await store.findCustomerId(email('nobody@example.com'))).toBeUndefined();
      expect(await store.getCustomer('cus_a')).toEqual({
        id: 'cus_a',
        identities: [email('a@example.com'), hubspot('101')],
        sources: ['hub'],
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      });
    });

    it('refuses to create a customer whose identifier is taken, and writes nothing', async () => {
      await store.createCustomer('cus_a', [email('a@example.com')], AT);
      const result = await store.createCustomer('cus_b', [hubspot('102'), email('a@example.com')], AT);
      expect(result).toEqual({ ok: false, conflicts: [{ identity: email('a@example.com'), customerId: 'cus_a' }] });
      expect(await store.getCustomer('cus_b')).toBeUndefined();
      expect(await store.findCustomerId(hubspot('102'))).toBeUndefined();
      expect(await store.countCustomers()).toBe(1);
    });

    it('refuses to create the same customer id twice', async () => {
      await store.createCustomer('cus_a', [email('a@example.com')], AT);
      const again = await store.createCustomer('cus_a', [email('b@example.com')], AT);
      expect(again.ok).toBe(false);
      expect(await store.findCustomerId(email('b@example.com'))).toBeUndefined();
    });

    it('attaches identifiers, idempotently, and refuses ones owned elsewhere', async () => {
      await store.createCustomer('cus_a', [email('a@example.com')], AT);
      await store.createCustomer('cus_b', [email('b@example.com')], AT);
      const later = '2026-11-02T00:00:00.000Z';
      expect(await store.attachIdentities('cus_a', [hubspot('101'), email('a@example.com')], later)).toEqual({ ok: true });
      expect((await store.getCustomer('cus_a'))?.updatedAt).toBe(later);
      const refused = await store.attachIdentities('cus_a', [email('b@example.com'), hubspot('999')], later);
      expect(refused).toEqual({ ok: false, conflicts: [{ identity: email('b@example.com'), customerId: 'cus_b' }] });
      expect(await store.findCustomerId(hubspot('999'))).toBeUndefined();
      expect((await store.getCustomer('cus_a'))?.identities).toEqual([email('a@example.com'), hubspot('101')]);
    });

    it('rejects attaching to an unknown customer', async () => {
      await expect(store.attachIdentities('cus_missing', [email('x@example.com')], AT)).rejects.toThrow(/Unknown customer/);
    });

    it('looks up many identifiers in one call, keeping order', async () => {
      await store.createCustomer('cus_a', [email('a@example.com')], AT);
      await store.createCustomer('cus_b', [email('b@example.com')], AT);
      expect(await store.findCustomerIds([email('b@example.com'), email('zz@example.com'), email('a@example.com')])).toEqual([
        'cus_b',
        undefined,
        'cus_a',
      ]);
      expect(await store.findCustomerIds([])).toEqual([]);
      const records = await store.getCustomers(['cus_b', 'cus_none']);
      expect(records[0]?.id).toBe('cus_b');
      expect(records[1]).toBeUndefined();
    });

    it('pages through customers in id order to the last page, stable while customers are added', async () => {
      for (const id of ['cus_c', 'cus_a', 'cus_e', 'cus_b', 'cus_d']) {
        await store.createCustomer(id, [email(`${id}@example.com`)], AT);
      }
      const first = await store.listCustomers(2);
      expect(first.customers.map((c) => c.id)).toEqual(['cus_a', 'cus_b']);
      expect(first.endCursor).toBe('cus_b');
      // A customer added before the cursor must not shift the next page.
      await store.createCustomer('cus_aa', [email('aa@example.com')], AT);
      const second = await store.listCustomers(2, first.endCursor);
      expect(second.customers.map((c) => c.id)).toEqual(['cus_c', 'cus_d']);
      const last = await store.listCustomers(2, second.endCursor);
      expect(last.customers.map((c) => c.id)).toEqual(['cus_e']);
      expect(last.endCursor).toBeUndefined();
      expect(last.hasNextPage).toBe(false);
      expect((await store.listCustomers(0)).hasNextPage).toBe(true);
      expect(await store.countCustomers()).toBe(6);
    });

    it('erases a customer: gone from reads, lists and counts, its identifiers free to claim again; idempotent', async () => {
      await store.createCustomer('cus_a', [email('a@example.com'), hubspot('101')], AT);
      await store.createCustomer('cus_b', [email('b@example.com')], AT);
      await store.eraseCustomer('cus_a');
      expect(await store.getCustomer('cus_a')).toBeUndefined();
      expect(await store.findCustomerIds([email('a@example.com'), hubspot('101'), email('b@example.com')])).toEqual([undefined, undefined, 'cus_b']);
      expect((await store.listCustomers(10)).customers.map((c) => c.id)).toEqual(['cus_b']);
      expect(await store.countCustomers()).toBe(1);
      await store.eraseCustomer('cus_a');
      await store.eraseCustomer('cus_nobody');
      expect(await store.createCustomer('cus_c', [email('a@example.com')], AT)).toEqual({ ok: true });
    });

    it('lets exactly one of many concurrent creators claim an identifier', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.createCustomer(`cus_${i}`, [email('race@example.com')], AT)),
      );
      expect(attempts.filter((a) => a.ok)).toHaveLength(1);
      expect(await store.countCustomers()).toBe(1);
    });
  });
  describeResolutionWriteContract(name, create);
}
