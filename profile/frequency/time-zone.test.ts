import { describe, expect, it } from 'vitest';
import { toIdentityObservation } from '../../connectors/klaviyo/mappers/to-identity-observation.js';
import type { KlaviyoProfile } from '../../connectors/klaviyo/schemas.js';
import { customerTimeZone, recordObservedTimeZone, recordProfileTimeZone, timeZoneOfPhone } from './time-zone.js';
import { MemoryTimeZoneTraits } from './time-zone-traits.js';

const customer = (phone?: string) => ({
  id: 'cus_tz',
  identities: [{ kind: 'EMAIL' as const, value: 'tz@example.com' }, ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : [])],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('the customer’s time zone', () => {
  it('derives a zone from a phone number only when its country has one zone', () => {
    expect(timeZoneOfPhone('+442071838750')).toBe('Europe/London');
    expect(timeZoneOfPhone('+81312345678')).toBe('Asia/Tokyo');
    expect(timeZoneOfPhone('+15035554498')).toBeUndefined(); // +1: six zones
    expect(timeZoneOfPhone('+61212345678')).toBeUndefined(); // Australia: several
    expect(timeZoneOfPhone('not a phone')).toBeUndefined();
  });

  it('prefers a stated profile zone, then the phone country, then the configured default', async () => {
    const traits = new MemoryTimeZoneTraits();
    expect(await customerTimeZone(customer(), traits, 'UTC')).toEqual({ zone: 'UTC', source: 'DEFAULT' });
    expect(await customerTimeZone(customer('+15035554498'), traits, 'UTC')).toEqual({ zone: 'UTC', source: 'DEFAULT' });
    expect(await customerTimeZone(customer('+442071838750'), traits, 'UTC')).toEqual({ zone: 'Europe/London', source: 'PHONE_COUNTRY' });
    expect(await recordProfileTimeZone(traits, 'cus_tz', 'Mars/Olympus_Mons')).toBe(false);
    expect(await recordProfileTimeZone(traits, 'cus_tz', ' America/Chicago ')).toBe(true);
    expect(await customerTimeZone(customer('+442071838750'), traits, 'UTC')).toEqual({ zone: 'America/Chicago', source: 'PROFILE' });
  });

  it('keeps the zone a Klaviyo profile states, carried by its identity observation', async () => {
    const profile = {
      type: 'profile',
      id: '01KLAVIYOTZ',
      attributes: { email: 'tz@example.com', updated: '2026-11-01T00:00:00+00:00', location: { timezone: 'Europe/Madrid' } },
    } as unknown as KlaviyoProfile;
    const observation = toIdentityObservation(profile);
    expect(observation.traits?.timeZone).toBe('Europe/Madrid');
    const traits = new MemoryTimeZoneTraits();
    expect(await recordObservedTimeZone(traits, 'cus_tz', observation)).toBe(true);
    expect(await customerTimeZone(customer(), traits, 'UTC')).toEqual({ zone: 'Europe/Madrid', source: 'PROFILE' });
  });
});
