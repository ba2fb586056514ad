/**
 * Normalization of personal identifiers before matching or hashing. One implementation serves
 * identity resolution and the ad platforms' hashing rules, so a person matches the same way
 * everywhere.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Email as every vendor compares it: trimmed and lower-cased. Returns undefined for non-emails. */
export function normalizeEmail(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const email = raw.trim().toLowerCase();
  // One @, something on both sides, a dot in the domain: enough to refuse junk, not a validator.
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/**
 * Phone in E.164 (`+16505551212`). Numbers without a country code are read in `defaultCountry`.
 * Returns undefined when the number is not a possible phone number.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry: CountryCode = 'US'): string | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isPossible() ? parsed.number : undefined;
}
