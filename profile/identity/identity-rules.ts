/**
 * The configurable part of identity resolution: the region national phone numbers are read in,
 * and the values that are never used to match (placeholders vendors and forms fill in).
 */
import type { CountryCode } from 'libphonenumber-js';

export interface IdentityRules {
  /** Phones without a country code are read in this region (ISO 3166 alpha-2). */
  defaultPhoneRegion: CountryCode;
  /**
   * Values never used to match, compared case-insensitively with the raw and the normalized
   * value (and, for phones, the raw digits). `*` matches any run of characters: `noreply@*`.
   */
  blockedValues: readonly string[];
}

/**
 * Placeholders seen in real vendor data: test and no-reply addresses, the strings a form or an
 * export writes for "nothing", and dummy phone numbers. One of them shared by thousands of
 * records would otherwise merge them all into one customer.
 */
export const DEFAULT_BLOCKED_VALUES: readonly string[] = [
  'test@test.com',
  'test@example.com',
  'email@example.com',
  'user@example.com',
  'noreply@*',
  'no-reply@*',
  'donotreply@*',
  'do-not-reply@*',
  'null',
  'undefined',
  'none',
  'n/a',
  'unknown',
  '0',
  '0000000000',
  '1234567890',
  '+10000000000',
];

export const DEFAULT_IDENTITY_RULES: IdentityRules = { defaultPhoneRegion: 'US', blockedValues: DEFAULT_BLOCKED_VALUES };

/** The rules a hub runs with: its configured region, the built-in blocklist plus its own values. */
export function identityRulesFrom(config: { identity: { defaultPhoneRegion: string; extraBlockedValues: readonly string[] } }): IdentityRules {
  return {
    defaultPhoneRegion: config.identity.defaultPhoneRegion as CountryCode,
    blockedValues: [...DEFAULT_BLOCKED_VALUES, ...config.identity.extraBlockedValues],
  };
}
