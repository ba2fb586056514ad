/**
 * Customer data as Google wants it before upload: normalized, then SHA-256 as lowercase hex.
 * Email: trimmed and lower-cased; phone: E.164 (`+16505551212`, the plus kept). For enhanced
 * conversions Google also drops the dots before `@` of gmail.com / googlemail.com addresses.
 * Raw values never leave this module; only their hashes do.
 * @see https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started#prepare_data
 * @see https://developers.google.com/google-ads/api/docs/conversions/enhanced-conversions/leads#normalize_and_hash
 */
import { createHash } from 'node:crypto';
import type { Identity } from '../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../unified/normalize.js';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

export function googleEmail(raw: string, options: { gmailDots?: 'keep' | 'remove' } = {}): string | undefined {
  const email = normalizeEmail(raw);
  if (!email || options.gmailDots !== 'remove') return email;
  const [local, domain] = email.split('@') as [string, string];
  return domain === 'gmail.com' || domain === 'googlemail.com' ? `${local.replaceAll('.', '')}@${domain}` : email;
}

export const hashEmail = (raw: string, options?: { gmailDots?: 'keep' | 'remove' }) => {
  const email = googleEmail(raw, options);
  return email === undefined ? undefined : sha256Hex(email);
};

export const hashPhone = (raw: string) => {
  const phone = normalizePhone(raw);
  return phone === undefined ? undefined : sha256Hex(phone);
};

export interface HashedIdentifier {
  kind: 'EMAIL' | 'PHONE';
  hash: string;
}

/** The person's emails and phones, hashed for Google; other identities (vendor ids, gclids) are not uploaded. */
export function hashIdentities(identities: readonly Identity[], options?: { gmailDots?: 'keep' | 'remove' }): HashedIdentifier[] {
  const out = new Map<string, HashedIdentifier>();
  for (const identity of identities) {
    const hash = identity.kind === 'EMAIL' ? hashEmail(identity.value, options) : identity.kind === 'PHONE' ? hashPhone(identity.value) : undefined;
    if (hash) out.set(hash, { kind: identity.kind as 'EMAIL' | 'PHONE', hash });
  }
  return [...out.values()];
}

/** One Google `UserIdentifier` per hash, as Customer Match and enhanced conversions take them. */
export const toUserIdentifiers = (hashed: readonly HashedIdentifier[]) =>
  hashed.map((h) => (h.kind === 'EMAIL' ? { hashedEmail: h.hash } : { hashedPhoneNumber: h.hash }));
