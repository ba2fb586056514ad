/**
 * Identity resolution against a real store: the same suite runs on the memory and the Redis
 * adapter (resolve-identity.memory.test.ts, resolve-identity.redis.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity, IdentityObservation, Source } from '../../connectors/unified/identity.js';
import type { CustomerScopedData } from '../customer-data.js';
import type { StoreFixture } from '../store/identity-store.contract.js';
import type { IdentityStore } from '../store/identity-store.js';
import { DEFAULT_BLOCKED_VALUES } from './identity-rules.js';
import { createIdentityResolver, resolveIdentity, type IdentityResolver } from './resolve-identity.js';

let clock = Date.parse('2026-11-01T00:00:00.000Z');
function observation(source: Source, sourceRecordId: string, identities: Identity[]): IdentityObservation {
  clock += 60_000;
  return { source, sourceRecordId, identities, observedAt: new Date(clock).toISOString() };
}
const email = (value: string): Identity => ({ kind: 'EMAIL', value });
const phone = (value: string): Identity => ({ kind: 'PHONE', value });
const vendor = (kind: Identity['kind'], value: string): Identity => ({ kind, value });

/**
 * A per-customer store as the timeline or consent ledger keeps one: items under a customer id,
 * moved whole by a merge. Real behaviour, kept small, to watch what merges do to it.
 */
class ItemsByCustomer implements CustomerScopedData {
  readonly items = new Map<string, string[]>();
  readonly merges: [string, string][] = [];
  failNext = false;
  add(customerId: string, item: string) {
    this.items.set(customerId, [...(this.items.get(customerId) ?? []), item]);
  }
  async mergeInto(survivorId: string, absorbedId: string) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('store unavailable');
    }
    this.merges.push([survivorId, absorbedId]);
    for (const item of this.items.get(absorbedId) ?? []) this.add(survivorId, item);
    this.items.delete(absorbedId);
  }
  async erase(customerId: string) {
    this.items.delete(customerId);
  }
}

export function describeIdentityResolution(name: string, create: () => Promise<StoreFixture<IdentityStore>>): void {
  describe(`identity resolution: ${name}`, () => {
    let fixture: StoreFixture<IdentityStore>;
    let store: IdentityStore;
    let timeline: ItemsByCustomer;
    let consent: ItemsByCustomer;
    let resolver: IdentityResolver;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
      timeline = new ItemsByCustomer();
      consent = new ItemsByCustomer();
      resolver = createIdentityResolver({ store, customerData: [timeline] });
      resolver.registerCustomerData(consent);
    });
    afterEach(async () => fixture.cleanup());

    it('resolves case and space variants of an email to one customer, stored normalized', async () => {
      const spellings = ['Sam.Silva@Mail.Example', '  sam.silva@mail.example ', 'SAM.SILVA@MAIL.EXAMPLE', '\tsam.silva@mail.example'];
      const resolutions = [];
      for (const [i, spelling] of spellings.entries()) resolutions.push(await resolver.resolve(observation('klaviyo', `p${i}`, [email(spelling)])));
      expect(new Set(resolutions.map((r) => r.customerId)).size).toBe(1);
      expect(resolutions.map((r) => r.created)).toEqual([true, false, false, false]);
      expect((await store.getCustomer(resolutions[0]!.customerId!))!.identities).toEqual([email('sam.silva@mail.example')]);
      expect(await store.countCustomers()).toBe(1);
    });

    it('resolves national, international, spaced and dashed spellings of a phone to one E.164 number', async () => {
      const spellings = ['(503) 555-4498', '503-555-4498', '+1 503 555 4498', '1-503-555-4498', '503 555 4498', '+15035554498'];
      const ids = new Set<string | undefined>();
      for (const [i, spelling] of spellings.entries()) ids.add((await resolver.resolve(observation('hubspot', `c${i}`, [phone(spelling)]))).customerId);
      expect(ids.size).toBe(1);
      expect((await store.getCustomer([...ids][0]!))!.identities).toEqual([phone('+15035554498')]);
    });

    it('reads national numbers in the configured region', async () => {
      const uk = createIdentityResolver({ store, rules: { defaultPhoneRegion: 'GB', blockedValues: DEFAULT_BLOCKED_VALUES } });
      const first = await uk.resolve(observation('shopify', 's1', [phone('020 7946 0958')]));
      const second = await uk.resolve(observation('hubspot', 'h1', [phone('+44 20 7946 0958')]));
      expect(second.customerId).toBe(first.customerId);
      expect((await store.getCustomer(first.customerId!))!.identities).toEqual([phone('+442079460958')]);
    });

    it('refuses to merge two Shopify customers who share a household email, and records why', async () => {
      const parent = await resolver.resolve(observation('shopify', '1', [vendor('SHOPIFY', 'gid://shopify/Customer/1'), email('Home@Family.example')]));
      const teen = await resolver.resolve(observation('shopify', '2', [vendor('SHOPIFY', 'gid://shopify/Customer/2'), email('home@family.example ')]));
      expect(teen.customerId).not.toBe(parent.customerId);
      expect(teen.created).toBe(true);
      expect(teen.absorbedIds).toEqual([]);
      expect(teen.conflicts).toHaveLength(1);
      const [conflict] = teen.conflicts;
      expect(conflict).toMatchObject({
        reason: 'KIND_LIMIT',
        kind: 'SHOPIFY',
        customerIds: [teen.customerId, parent.customerId],
        linkedBy: [email('home@family.example')],
        source: 'shopify',
        sourceRecordId: '2',
      });
      expect(conflict!.message).not.toContain('home@family.example'); // no raw PII in the one-liner
      // The email stays with its first owner; the second account keeps only its own id.
      expect((await store.getCustomer(parent.customerId!))!.identities).toEqual([email('home@family.example'), vendor('SHOPIFY', 'gid://shopify/Customer/1')]);
      expect((await store.getCustomer(teen.customerId!))!.identities).toEqual([vendor('SHOPIFY', 'gid://shopify/Customer/2')]);
      expect(await store.getConflicts(parent.customerId!)).toEqual([conflict]);
      expect((await store.listConflicts(10)).conflicts).toEqual([conflict]);

      // A replay of the same record records nothing new and changes nobody.
      const before = await store.getCustomers([parent.customerId!, teen.customerId!]);
      const replay = await resolver.resolve(observation('shopify', '2', [vendor('SHOPIFY', 'gid://shopify/Customer/2'), email('home@family.example')]));
      expect(replay.customerId).toBe(teen.customerId);
      expect(replay.conflicts.map((c) => c.id)).toEqual([conflict!.id]);
      expect(await store.countConflicts()).toBe(1);
      expect((await store.getCustomers([parent.customerId!, teen.customerId!])).map((c) => c!.version)).toEqual(before.map((c) => c!.version));
      expect(timeline.merges).toEqual([]);
    });

    it('merges two profiles an observation links: the older survives, the other id keeps resolving to it, history kept, data moved', async () => {
      const older = await resolver.resolve(observation('shopify', '10', [vendor('SHOPIFY', 'gid://shopify/Customer/10'), email('jo@mail.example')]));
      const newer = await resolver.resolve(observation('hubspot', '20', [vendor('HUBSPOT', '20'), phone('503-555-0101')]));
      expect(newer.customerId).not.toBe(older.customerId);
      timeline.add(older.customerId!, 'order placed');
      timeline.add(newer.customerId!, 'email opened');
      consent.add(newer.customerId!, 'email marketing granted');

      const link = await resolver.resolve(observation('klaviyo', 'K1', [vendor('KLAVIYO', 'K1'), email('JO@mail.example'), phone('+1 503 555 0101')]));
      expect(link.customerId).toBe(older.customerId);
      expect(link.absorbedIds).toEqual([newer.customerId]);
      expect(link.conflicts).toEqual([]);

      const survivor = (await store.getCustomer(older.customerId!))!;
      expect(survivor.identities).toEqual([
        email('jo@mail.example'),
        phone('+15035550101'),
        vendor('HUBSPOT', '20'),
        vendor('SHOPIFY', 'gid://shopify/Customer/10'),
        vendor('KLAVIYO', 'K1'),
      ]);
      expect(survivor.sources).toEqual(['hubspot', 'klaviyo', 'shopify']);
      expect(await store.getCustomer(newer.customerId!)).toBeUndefined();
      expect(await store.canonicalCustomerId(newer.customerId!)).toBe(older.customerId);
      expect(await store.getAliases(older.customerId!)).toEqual([newer.customerId]);
      const [merge] = await store.getMerges(older.customerId!);
      expect(merge).toMatchObject({
        survivorId: older.customerId,
        absorbedId: newer.customerId,
        source: 'klaviyo',
        sourceRecordId: 'K1',
        linkedBy: [phone('+15035550101')],
      });
      expect(merge!.reason).toBe('klaviyo record K1 links both through PHONE');
      // Every registered per-customer store moved the absorbed customer's data, once.
      expect(timeline.merges).toEqual([[older.customerId, newer.customerId]]);
      expect(consent.merges).toEqual([[older.customerId, newer.customerId]]);
      expect(timeline.items.get(older.customerId!)).toEqual(['order placed', 'email opened']);
      expect(consent.items.get(older.customerId!)).toEqual(['email marketing granted']);
      expect(await store.listPendingDataMerges()).toEqual([]);
      expect(await store.countCustomers()).toBe(1);

      // Later observations of the absorbed customer's identifiers land on the survivor.
      expect((await resolver.resolve(observation('hubspot', '20', [vendor('HUBSPOT', '20')]))).customerId).toBe(older.customerId);
    });

    it('erases a merged customer whole: aliases, merge history and refused merges go with it', async () => {
      const older = await resolver.resolve(observation('shopify', '30', [vendor('SHOPIFY', 'gid://shopify/Customer/30'), email('ann@mail.example')]));
      const newer = await resolver.resolve(observation('hubspot', '40', [vendor('HUBSPOT', '40'), phone('503-555-0140')]));
      await resolver.resolve(observation('klaviyo', 'K3', [email('ann@mail.example'), phone('503-555-0140')]));
      const household = await resolver.resolve(observation('shopify', '31', [vendor('SHOPIFY', 'gid://shopify/Customer/31'), email('ann@mail.example')]));
      expect(household.conflicts).toHaveLength(1);

      await store.eraseCustomer(older.customerId!);
      expect(await store.getCustomer(older.customerId!)).toBeUndefined();
      expect(await store.canonicalCustomerId(newer.customerId!)).toBeUndefined();
      expect(await store.getMerges(older.customerId!)).toEqual([]);
      expect(await store.getAliases(older.customerId!)).toEqual([]);
      expect(await store.countConflicts()).toBe(0);
      expect(await store.getConflicts(household.customerId!)).toEqual([]);
      expect(await store.findCustomerIds([email('ann@mail.example'), phone('+15035550140'), vendor('HUBSPOT', '40')])).toEqual([undefined, undefined, undefined]);
      expect(await store.listPendingDataMerges()).toEqual([]);
      expect((await store.listCustomers(10, undefined, { hasIdentityKinds: ['HUBSPOT'] })).customers).toEqual([]);
      // The household's own customer is untouched.
      expect((await store.getCustomer(household.customerId!))!.identities).toEqual([vendor('SHOPIFY', 'gid://shopify/Customer/31')]);
    });

    it('keeps a merge pending when a store fails to move data, and finishes it later', async () => {
      const a = await resolver.resolve(observation('shopify', 'a', [email('a@mail.example')]));
      const b = await resolver.resolve(observation('hubspot', 'b', [phone('+15035550111')]));
      timeline.add(b.customerId!, 'visit');
      timeline.failNext = true;
      const link = await resolver.resolve(observation('klaviyo', 'k', [email('a@mail.example'), phone('+15035550111')]));
      expect(link.absorbedIds).toEqual([b.customerId]);
      expect(await store.listPendingDataMerges()).toEqual([{ survivorId: a.customerId, absorbedId: b.customerId }]);
      expect(await resolver.finishPendingMerges()).toBe(1);
      expect(timeline.items.get(a.customerId!)).toEqual(['visit']);
      expect(await store.listPendingDataMerges()).toEqual([]);
    });

    it('settles data written under an id a concurrent merge absorbed', async () => {
      const a = await resolver.resolve(observation('shopify', 'a', [email('late@mail.example')]));
      const b = await resolver.resolve(observation('hubspot', 'b', [phone('+15035550123')]));
      await resolver.resolve(observation('klaviyo', 'k', [email('late@mail.example'), phone('+15035550123')]));
      timeline.add(b.customerId!, 'written late under the old id');
      expect(await resolver.settleCustomer(b.customerId!)).toBe(a.customerId);
      expect(timeline.items.get(a.customerId!)).toEqual(['written late under the old id']);
      expect(timeline.items.has(b.customerId!)).toBe(false);
      expect(await resolver.settleCustomer(a.customerId!)).toBe(a.customerId);
      expect(await resolver.settleCustomer('cus_never')).toBeUndefined();
    });

    it('never matches on blocked values, and writes nothing for an observation with nothing else', async () => {
      const one = await resolver.resolve(observation('shopify', '1', [vendor('SHOPIFY', 'gid://shopify/Customer/1'), email('TEST@test.com'), phone('000-000-0000')]));
      const two = await resolver.resolve(observation('shopify', '2', [vendor('SHOPIFY', 'gid://shopify/Customer/2'), email('test@test.com'), phone('0000000000')]));
      const three = await resolver.resolve(observation('hubspot', '3', [vendor('HUBSPOT', '3'), email('noreply@brand.example')]));
      expect(new Set([one.customerId, two.customerId, three.customerId]).size).toBe(3);
      expect(two.conflicts).toEqual([]);
      expect(two.ignored.map((i) => i.reason)).toEqual(['BLOCKED', 'BLOCKED']);
      expect(three.ignored).toEqual([{ identity: email('noreply@brand.example'), reason: 'BLOCKED' }]);
      expect(await store.findCustomerId(email('test@test.com'))).toBeUndefined();

      const nothing = await resolver.resolve(observation('klaviyo', 'x', [email('null'), vendor('KLAVIYO', 'undefined'), email('not an email')]));
      expect(nothing.customerId).toBeUndefined();
      expect(nothing.ignored.map((i) => i.reason)).toEqual(['BLOCKED', 'BLOCKED', 'MALFORMED']);
      expect(await store.countCustomers()).toBe(3);
    });

    it('takes extra blocked values from configuration', async () => {
      const strict = createIdentityResolver({ store, rules: { defaultPhoneRegion: 'US', blockedValues: [...DEFAULT_BLOCKED_VALUES, 'orders@*.example'] } });
      const a = await strict.resolve(observation('shopify', 'a', [vendor('SHOPIFY', 'a'), email('orders@shop.example')]));
      expect(a.ignored).toEqual([{ identity: email('orders@shop.example'), reason: 'BLOCKED' }]);
    });

    it('does not attach a second id of a single-valued kind from one observation', async () => {
      const r = await resolver.resolve(observation('hubspot', '5', [vendor('HUBSPOT', '5'), vendor('HUBSPOT', '6'), email('five@mail.example')]));
      expect((await store.getCustomer(r.customerId!))!.identities).toEqual([email('five@mail.example'), vendor('HUBSPOT', '5')]);
      expect(r.conflicts).toMatchObject([{ kind: 'HUBSPOT', customerIds: [r.customerId], linkedBy: [vendor('HUBSPOT', '6')] }]);
    });

    it('creates exactly one customer for many concurrent observations of one identifier', async () => {
      const spellings = ['Race@Mail.example', ' race@mail.example', 'RACE@MAIL.EXAMPLE ', 'race@mail.example'];
      const resolutions = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          resolver.resolve(observation('meta', `lead${i}`, [email(spellings[i % spellings.length]!), vendor('META_LEAD', `lead${i}`)])),
        ),
      );
      expect(new Set(resolutions.map((r) => r.customerId)).size).toBe(1);
      expect(resolutions.filter((r) => r.created)).toHaveLength(1);
      expect(await store.countCustomers()).toBe(1);
      const customer = (await store.getCustomer(resolutions[0]!.customerId!))!;
      expect(customer.identities.filter((i) => i.kind === 'META_LEAD')).toHaveLength(30);
    });

    it('merges once when many concurrent observations link the same two customers', async () => {
      const a = await resolver.resolve(observation('shopify', 'a', [email('pair@mail.example')]));
      const b = await resolver.resolve(observation('hubspot', 'b', [phone('+15035550199')]));
      const links = await Promise.all(
        Array.from({ length: 20 }, (_, i) => resolver.resolve(observation('klaviyo', `k${i}`, [email('pair@mail.example'), phone('503.555.0199')]))),
      );
      expect(new Set(links.map((l) => l.customerId))).toEqual(new Set([a.customerId]));
      expect(links.flatMap((l) => l.absorbedIds)).toEqual([b.customerId]);
      expect(timeline.merges).toEqual([[a.customerId, b.customerId]]);
      expect(await store.countCustomers()).toBe(1);
    });

    it('offers a one-shot function for callers without per-customer stores', async () => {
      const r = await resolveIdentity(store, observation('shopify', 'x', [email('x@mail.example')]));
      expect(r).toMatchObject({ created: true, absorbedIds: [], conflicts: [], ignored: [] });
    });
  });
}
