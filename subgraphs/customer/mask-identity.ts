/**
 * An identifier as a caller without `pii:read` may see it: vendor ids unchanged, emails and phone
 * numbers reduced to what confirms a match to someone who already knows them and reveals little
 * to someone who does not (first letter and domain; country prefix and last four digits).
 */
import type { IdentityKind } from '../../connectors/unified/identity.js';

export function maskIdentityValue(kind: IdentityKind, value: string): string {
  if (kind === 'EMAIL') {
    const at = value.lastIndexOf('@');
    return at <= 0 ? '***' : `${value[0]}***${value.slice(at)}`;
  }
  if (kind === 'PHONE') {
    return value.length <= 6 ? '***' : `${value.slice(0, 2)}${'*'.repeat(value.length - 6)}${value.slice(-4)}`;
  }
  return value;
}
