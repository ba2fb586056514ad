/**
 * The customer's time zone for quiet hours, from the best source the hub has:
 * 1. PROFILE: a zone a vendor profile states (Klaviyo `location.timezone`), kept as a trait in
 *    `TimeZoneTraits` by whoever reads those profiles (recordProfileTimeZone below);
 * 2. PHONE_COUNTRY: the country of the customer's phone number, when that country has exactly one
 *    time zone (a +44 number is in Europe/London; +1 spans six zones and says nothing);
 * 3. DEFAULT: the configured FREQUENCY_DEFAULT_TIME_ZONE.
 * Shopify's default address carries a country and province but no zone, so it is not used.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IdentityObservation } from '../../connectors/unified/identity.js';
import type { CustomerRecord } from '../store/identity-store.js';
import { isTimeZone } from './quiet-hours.js';
import type { TimeZoneTraits } from './time-zone-traits.js';

export type TimeZoneSource = 'PROFILE' | 'PHONE_COUNTRY' | 'DEFAULT';

export interface CustomerTimeZone {
  zone: string;
  source: TimeZoneSource;
}

/** Countries (ISO 3166-1) whose whole territory keeps one civil time; others are left out on purpose. */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  ZA: 'Africa/Johannesburg',
};

export function timeZoneOfPhone(e164: string): string | undefined {
  const country = parsePhoneNumberFromString(e164)?.country;
  return country ? SINGLE_ZONE_COUNTRIES[country] : undefined;
}

export async function customerTimeZone(customer: Pick<CustomerRecord, 'id' | 'identities'>, traits: TimeZoneTraits, defaultZone: string): Promise<CustomerTimeZone> {
  const stated = await traits.timeZoneOf(customer.id);
  if (stated) return { zone: stated, source: 'PROFILE' };
  for (const identity of customer.identities) {
    if (identity.kind !== 'PHONE') continue;
    const zone = timeZoneOfPhone(identity.value);
    if (zone) return { zone, source: 'PHONE_COUNTRY' };
  }
  return { zone: defaultZone, source: 'DEFAULT' };
}

/** Stores a zone a vendor profile states, ignoring values that are not IANA zones. Returns whether it was kept. */
export async function recordProfileTimeZone(traits: TimeZoneTraits, customerId: string, zone: string | null | undefined): Promise<boolean> {
  const value = zone?.trim();
  if (!value || !isTimeZone(value)) return false;
  await traits.setTimeZone(customerId, value);
  return true;
}

/**
 * For ingest, after it resolved an observation to a customer: keeps the zone the vendor profile
 * states (today Klaviyo's `location.timezone`, carried as `traits.timeZone`).
 */
export function recordObservedTimeZone(traits: TimeZoneTraits, customerId: string, observation: IdentityObservation): Promise<boolean> {
  return recordProfileTimeZone(traits, customerId, observation.traits?.timeZone);
}
