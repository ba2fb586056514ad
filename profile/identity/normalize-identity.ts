/**
 * The one normalization every identity path uses (observations from ingest, lookups from the
 * API): emails and phones through connectors/unified/normalize.ts, vendor ids as given (trimmed),
 * then the blocklist. A value that fails is reported, never matched.
 */
import type { Identity } from '../../connectors/unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../connectors/unified/normalize.js';
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from './identity-rules.js';

export type NormalizedIdentity =
  | { ok: true; identity: Identity }
  | { ok: false; reason: 'MALFORMED' | 'BLOCKED' };

export function normalizeIdentity(identity: Identity, rules: IdentityRules = DEFAULT_IDENTITY_RULES): NormalizedIdentity {
  const raw = identity.value.trim();
  const value =
    identity.kind === 'EMAIL'
      ? normalizeEmail(raw)
      : identity.kind === 'PHONE'
        ? normalizePhone(raw, rules.defaultPhoneRegion)
        : raw || undefined;
  if (value === undefined) return { ok: false, reason: isBlocked(identity, raw, raw, rules) ? 'BLOCKED' : 'MALFORMED' };
  if (isBlocked(identity, raw, value, rules)) return { ok: false, reason: 'BLOCKED' };
  return { ok: true, identity: { kind: identity.kind, value } };
}

function isBlocked(identity: Identity, raw: string, normalized: string, rules: IdentityRules): boolean {
  const candidates = new Set([raw.toLowerCase(), normalized.toLowerCase()]);
  if (identity.kind === 'PHONE') {
    const digits = raw.replace(/\D/g, '');
    candidates.add(digits);
    // A run of one digit (0000000000, 5555555555) is a placeholder, never a person's number.
    if (/^(\d)\1+$/.test(digits.replace(/^1(?=\d{10}$)/, ''))) return true;
  }
  return rules.blockedValues.some((pattern) => {
    const matcher = patternOf(pattern);
    return [...candidates].some((candidate) => matcher.test(candidate));
  });
}

const patterns = new Map<string, RegExp>();

function patternOf(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    const source = pattern
      .trim()
      .toLowerCase()
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`);
    patterns.set(pattern, regex);
  }
  return regex;
}
