/** The behaviour both TimeZoneTraits adapters must show. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFixture } from '../store/identity-store.contract.js';
import type { TimeZoneTraits } from './time-zone-traits.js';

export function describeTimeZoneTraitsContract(name: string, create: () => Promise<StoreFixture<TimeZoneTraits>>): void {
  describe(`TimeZoneTraits contract: ${name}`, () => {
    let fixture: StoreFixture<TimeZoneTraits>;
    let traits: TimeZoneTraits;
    beforeEach(async () => {
      fixture = await create();
      traits = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('keeps one zone per customer, the survivor’s winning a merge, and erases it', async () => {
      expect(await traits.timeZoneOf('cus_a')).toBeUndefined();
      await traits.setTimeZone('cus_a', 'Europe/Paris');
      await traits.setTimeZone('cus_b', 'Asia/Tokyo');
      await traits.setTimeZone('cus_c', 'America/Chicago');
      await traits.mergeInto('cus_a', 'cus_b');
      expect(await traits.timeZoneOf('cus_a')).toBe('Europe/Paris');
      expect(await traits.timeZoneOf('cus_b')).toBeUndefined();
      await traits.mergeInto('cus_d', 'cus_c');
      expect(await traits.timeZoneOf('cus_d')).toBe('America/Chicago');
      await traits.erase('cus_d');
      await traits.erase('cus_d');
      expect(await traits.timeZoneOf('cus_d')).toBeUndefined();
    });
  });
}
