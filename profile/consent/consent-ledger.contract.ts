/**
 * The behaviour every ConsentLedger adapter must show. Each adapter's test file calls this with a
 * factory; the assertions are the same for memory and Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../connectors/unified/consent.js';
import type { StoreFixture } from '../store/identity-store.contract.js';
import type { ConsentLedger } from './consent-ledger.js';
import { deriveConsent } from './derive-consent.js';

const record = (over: Partial<ConsentRecord> & Pick<ConsentRecord, 'id' | 'occurredAt'>): ConsentRecord => ({
  topic: 'EMAIL_MARKETING',
  status: 'GRANTED',
  source: 'klaviyo',
  evidence: {},
  identities: [{ kind: 'EMAIL', value: 'a@example.com' }],
  ...over,
});

export function describeConsentLedgerContract(name: string, create: () => Promise<StoreFixture<ConsentLedger>>): void {
  describe(`ConsentLedger contract: ${name}`, () => {
    let fixture: StoreFixture<ConsentLedger>;
    let ledger: ConsentLedger;
    beforeEach(async () => {
      fixture = await create();
      ledger = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('appends records with every field kept, and dedupes by record id', async () => {
      const granted = record({ id: 'k:1', occurredAt: '2026-11-01T10:00:00.000Z', method: 'DOUBLE_OPT_IN', legalBasis: 'CONSENT_WITH_NOTICE', evidence: { 'klaviyo.consent': 'SUBSCRIBED' } });
      expect(await ledger.appendConsents('cus_a', [granted])).toBe(1);
      // The same id again, even with other content, is the same statement: nothing changes.
      expect(await ledger.appendConsents('cus_a', [granted, { ...granted, status: 'DENIED' }])).toBe(0);
      expect(await ledger.history('cus_a')).toEqual([granted]);
      expect(await ledger.appendConsents('cus_a', [])).toBe(0);
    });

    it('answers history oldest first, per topic, and nothing for an unknown customer', async () => {
      const later = record({ id: 'k:2', occurredAt: '2026-11-02T00:00:00.000Z', status: 'DENIED' });
      const earlier = record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00+02:00' });
      const sms = record({ id: 's:1', occurredAt: '2026-11-03T00:00:00.000Z', topic: 'SMS_MARKETING', source: 'shopify' });
      expect(await ledger.appendConsents('cus_a', [later, sms, earlier])).toBe(3);
      expect((await ledger.history('cus_a')).map((r) => r.id)).toEqual(['k:1', 'k:2', 's:1']);
      expect((await ledger.history('cus_a', 'EMAIL_MARKETING')).map((r) => r.id)).toEqual(['k:1', 'k:2']);
      expect(await ledger.history('cus_a', 'AD_USER_DATA')).toEqual([]);
      expect(await ledger.history('cus_nobody')).toEqual([]);
    });

    it('keeps each customer’s records apart', async () => {
      await ledger.appendConsents('cus_a', [record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z' })]);
      await ledger.appendConsents('cus_b', [record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z', status: 'DENIED' })]);
      expect((await ledger.history('cus_a'))[0]!.status).toBe('GRANTED');
      expect((await ledger.history('cus_b'))[0]!.status).toBe('DENIED');
    });

    it('counts a record appended by many concurrent writers once', async () => {
      const same = record({ id: 'k:race', occurredAt: '2026-11-01T00:00:00.000Z' });
      const added = await Promise.all(Array.from({ length: 20 }, () => ledger.appendConsents('cus_a', [same])));
      expect(added.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await ledger.history('cus_a')).toHaveLength(1);
    });

    it('merges an absorbed customer’s history into the survivor, idempotently, and the state derives from both', async () => {
      await ledger.appendConsents('cus_a', [record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z' })]);
      await ledger.appendConsents('cus_b', [
        record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z' }),
        record({ id: 'h:1', occurredAt: '2026-11-05T00:00:00.000Z', source: 'hubspot', status: 'DENIED' }),
      ]);
      await ledger.mergeInto('cus_a', 'cus_b');
      await ledger.mergeInto('cus_a', 'cus_b');
      await ledger.mergeInto('cus_a', 'cus_a');
      expect((await ledger.history('cus_a')).map((r) => r.id)).toEqual(['k:1', 'h:1']);
      expect(await ledger.history('cus_b')).toEqual([]);
      expect(deriveConsent(await ledger.history('cus_a'))[0]).toMatchObject({ topic: 'EMAIL_MARKETING', status: 'DENIED' });
    });

    it('erases everything held for a customer, idempotently, and only for that customer', async () => {
      await ledger.appendConsents('cus_a', [record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z' })]);
      await ledger.appendConsents('cus_b', [record({ id: 'k:2', occurredAt: '2026-11-01T00:00:00.000Z' })]);
      await ledger.erase('cus_a');
      await ledger.erase('cus_a');
      expect(await ledger.history('cus_a')).toEqual([]);
      expect(await ledger.history('cus_b')).toHaveLength(1);
      // An erased customer's ids may be appended again (a new statement after erasure is new data).
      expect(await ledger.appendConsents('cus_a', [record({ id: 'k:1', occurredAt: '2026-11-01T00:00:00.000Z' })])).toBe(1);
    });
  });
}
