/**
 * The behaviour every PropagationStore adapter must show; the same assertions for memory and Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFixture } from '../store/identity-store.contract.js';
import { isSettled, type PropagationRequest, type PropagationStore } from './propagation-store.js';

const AT = '2026-11-01T10:00:00.000Z';
const consent = (id: string, customerId = 'cus_a', requestedAt = AT): PropagationRequest => ({
  id,
  kind: 'consent',
  customerId,
  topic: 'EMAIL_MARKETING',
  status: 'DENIED',
  recordId: `hub:${id}`,
  requestedAt,
});
const subject = { customerId: 'cus_a', identities: [{ kind: 'EMAIL' as const, value: 'a@example.com' }] };

export function describePropagationStoreContract(name: string, create: () => Promise<StoreFixture<PropagationStore>>): void {
  describe(`PropagationStore contract: ${name}`, () => {
    let fixture: StoreFixture<PropagationStore>;
    let store: PropagationStore;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('records a change, then its vendors as pending once dispatched, in vendor order; begin and dispatch are idempotent', async () => {
      await store.begin(consent('p1'));
      await store.begin({ ...consent('p1'), status: 'GRANTED' });
      expect(await store.get('p1')).toEqual({ ...consent('p1'), dispatched: false, vendors: [] });
      await store.dispatch('p1', ['klaviyo', 'hubspot'], AT);
      await store.dispatch('p1', ['klaviyo', 'shopify'], AT);
      const p = (await store.get('p1'))!;
      expect(p.dispatched).toBe(true);
      expect(p.vendors).toEqual(['hubspot', 'shopify', 'klaviyo'].map((vendor) => ({ vendor, state: 'pending', attempts: 0, updatedAt: AT })));
      expect(isSettled(p)).toBe(false);
      expect(await store.get('nope')).toBeUndefined();
      await store.dispatch('nope', ['hubspot'], AT);
      expect(await store.get('nope')).toBeUndefined();
    });

    it('tracks each vendor’s tries, and never turns a confirmed vendor back to pending', async () => {
      await store.begin(consent('p1'));
      await store.dispatch('p1', ['hubspot', 'klaviyo'], AT);
      await store.update('p1', { vendor: 'hubspot', state: 'pending', attempts: 1, lastError: 'UPSTREAM_UNAVAILABLE: down', updatedAt: AT });
      await store.update('p1', { vendor: 'klaviyo', state: 'applied', attempts: 1, detail: 'unsubscribe job accepted', updatedAt: AT });
      await store.update('p1', { vendor: 'klaviyo', state: 'pending', attempts: 2, lastError: 'late duplicate', updatedAt: AT });
      // A vendor never named is not added by an update.
      await store.update('p1', { vendor: 'meta', state: 'applied', attempts: 1, updatedAt: AT });
      const p = (await store.get('p1'))!;
      expect(p.vendors).toEqual([
        { vendor: 'hubspot', state: 'pending', attempts: 1, lastError: 'UPSTREAM_UNAVAILABLE: down', updatedAt: AT },
        { vendor: 'klaviyo', state: 'applied', attempts: 1, detail: 'unsubscribe job accepted', updatedAt: AT },
      ]);
      await store.update('p1', { vendor: 'hubspot', state: 'failed', attempts: 5, lastError: 'gave up', updatedAt: AT });
      // A dead letter retried by an operator goes back to pending.
      await store.update('p1', { vendor: 'hubspot', state: 'pending', attempts: 1, updatedAt: AT });
      expect((await store.get('p1'))!.vendors[0]!.state).toBe('pending');
      await store.update('p1', { vendor: 'hubspot', state: 'not_held', attempts: 2, updatedAt: AT });
      expect(isSettled((await store.get('p1'))!)).toBe(true);
    });

    it('lists a customer’s consent propagations newest first, up to a limit, without erasures', async () => {
      await store.begin(consent('p1', 'cus_a', '2026-11-01T10:00:00.000Z'));
      await store.begin(consent('p2', 'cus_a', '2026-11-02T10:00:00.000Z'));
      await store.begin(consent('p3', 'cus_b'));
      await store.begin({ id: 'e1', kind: 'erasure', customerId: 'cus_a', requestedAt: '2026-11-03T10:00:00.000Z' }, subject);
      expect((await store.ofCustomer('cus_a', 10)).map((p) => p.id)).toEqual(['p2', 'p1']);
      expect((await store.ofCustomer('cus_a', 1)).map((p) => p.id)).toEqual(['p2']);
      expect(await store.ofCustomer('cus_nobody', 10)).toEqual([]);
    });

    it('keeps an erasure’s subject until dropped, and its receipt after the customer is erased', async () => {
      await store.begin({ id: 'e1', kind: 'erasure', customerId: 'cus_a', requestedAt: AT }, subject);
      expect(await store.subjectOf('e1')).toEqual(subject);
      await store.begin(consent('p1'));
      await store.erase('cus_a');
      await store.erase('cus_a');
      expect(await store.get('p1')).toBeUndefined();
      expect(await store.ofCustomer('cus_a', 10)).toEqual([]);
      expect((await store.get('e1'))?.kind).toBe('erasure');
      await store.dropSubject('e1');
      expect(await store.subjectOf('e1')).toBeUndefined();
    });

    it('moves consent propagations to the survivor on a merge, idempotently', async () => {
      await store.begin(consent('p1', 'cus_b'));
      await store.mergeInto('cus_a', 'cus_b');
      await store.mergeInto('cus_a', 'cus_b');
      expect((await store.ofCustomer('cus_a', 10)).map((p) => [p.id, p.customerId])).toEqual([['p1', 'cus_a']]);
      expect(await store.ofCustomer('cus_b', 10)).toEqual([]);
    });
  });
}
