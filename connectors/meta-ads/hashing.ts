/**
 * Meta's customer-information normalization and hashing: every identifier is normalized by its
 * key's rule, then SHA-256 hashed to lower-case hex (EXTERN_ID and MADID are sent as they are).
 * Emails and phones reuse the hub's own normalization, so a person matches the same way here as
 * in identity resolution.
 * @see https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash
 * @see https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
 */
import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import type { Identity } from '../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../unified/normalize.js';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** "Trim leading and trailing spaces, convert all characters to lowercase." */
export const normalizeMetaEmail = (raw: string): string | undefined => normalizeEmail(raw);

/** "Remove symbols, letters and leading zeros; include the country code": E.164 digits without `+`. */
export function normalizeMetaPhone(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  return normalizePhone(raw, defaultCountry)?.replace(/^\+/, '');
}

/** FN / LN: lower case, no punctuation; letters outside a–z stay, in UTF-8. */
export function normalizeMetaName(raw: string): string | undefined {
  const name = raw.normalize('NFC').trim().toLowerCase().replace(/[\p{P}\p{S}]/gu, '').replace(/\s+/g, ' ');
  return name === '' ? undefined : name;
}

/** CT: lower case, no punctuation, no special characters, no spaces. */
export function normalizeMetaCity(raw: string): string | undefined {
  const city = raw.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return city === '' ? undefined : city;
}

/** ST: the 2-letter ANSI code, lower case. */
export function normalizeMetaState(raw: string): string | undefined {
  const state = raw.trim().toLowerCase();
  return /^[a-z]{2}$/.test(state) ? state : undefined;
}

/** ZIP: lower case, no spaces, no dash; US ZIP+4 keeps its first 5 digits. */
export function normalizeMetaZip(raw: string): string | undefined {
  const zip = raw.toLowerCase().replace(/[\s-]/g, '');
  if (zip === '') return undefined;
  return /^\d{9}$/.test(zip) ? zip.slice(0, 5) : zip;
}

/** COUNTRY: ISO 3166-1 alpha-2, lower case. */
export function normalizeMetaCountry(raw: string): string | undefined {
  const country = raw.trim().toLowerCase();
  return /^[a-z]{2}$/.test(country) ? country : undefined;
}

/** GEN: `m` or `f`. */
export function normalizeMetaGender(raw: string): string | undefined {
  const g = raw.trim().toLowerCase();
  return g === 'm' || g === 'male' ? 'm' : g === 'f' || g === 'female' ? 'f' : undefined;
}

/** DOB as `YYYYMMDD`, or split as DOBY `YYYY`, DOBM `MM`, DOBD `DD`. */
export function normalizeMetaBirthDate(isoDate: string): { dob: string; doby: string; dobm: string; dobd: string } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  return { dob: `${y}${m}${d}`, doby: y, dobm: m, dobd: d };
}

/** The hashed EMAIL and PHONE values of a person's identities, as uploads and suppression use them. */
export function hashedIdentifiers(identities: readonly Identity[]): { emails: string[]; phones: string[] } {
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const identity of identities) {
    if (identity.kind === 'EMAIL') {
      const email = normalizeMetaEmail(identity.value);
      if (email) emails.add(sha256Hex(email));
    } else if (identity.kind === 'PHONE') {
      const phone = normalizeMetaPhone(identity.value);
      if (phone) phones.add(sha256Hex(phone));
    }
  }
  return { emails: [...emails], phones: [...phones] };
}

/** The upload schema the hub uses: its own customer id (not hashed, as Meta allows) plus email and phone. */
export const UPLOAD_SCHEMA = ['EXTERN_ID', 'EMAIL', 'PHONE'] as const;

/** One person as rows of UPLOAD_SCHEMA: as many rows as they have emails or phones, each carrying the customer id. */
export function uploadRows(customerId: string, identities: readonly Identity[]): string[][] {
  const { emails, phones } = hashedIdentifiers(identities);
  const count = Math.max(1, emails.length, phones.length);
  return Array.from({ length: count }, (_, i) => [customerId, emails[i] ?? '', phones[i] ?? '']);
}
