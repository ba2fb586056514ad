/**
 * HubSpot's request signatures, computed and compared as HubSpot documents them:
 * - v3: base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), rejected when the
 *   `X-HubSpot-Request-Timestamp` is more than 5 minutes old;
 * - v2: hex(SHA-256(clientSecret + method + uri + body)); v1: hex(SHA-256(clientSecret + body)).
 * Comparison is constant-time over equal-length buffers (a length mismatch is a plain reject).
 * @see https://developers.hubspot.com/docs/guides/apps/authentication/validating-requests
 */
import { createHash, createHmac } from 'node:crypto';
import { encodedEqual } from '../http/constant-time.js';

export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export const signatureV1 = (secret: string, body: string) => createHash('sha256').update(secret + body, 'utf8').digest('hex');
export const signatureV2 = (secret: string, method: string, uri: string, body: string) =>
  createHash('sha256').update(secret + method + uri + body, 'utf8').digest('hex');
export const signatureV3 = (secret: string, method: string, uri: string, body: string, timestamp: string) =>
  createHmac('sha256', secret).update(method + uri + body + timestamp, 'utf8').digest('base64');

/** Equal in constant time; different lengths (or encodings that fail to decode) are simply unequal. */
export const safeEqual = encodedEqual;

/**
 * HubSpot signs the URI with these characters decoded (its docs list them); a proxy or framework
 * may hand the URL over encoded, so both spellings are tried.
 */
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};
export function decodeSignedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

export type V3Check = 'ok' | 'stale_timestamp' | 'invalid_signature';

export function checkSignatureV3(input: { secret: string; method: string; uri: string; body: string; timestamp: string; signature: string; now: number }): V3Check {
  const ts = Number(input.timestamp);
  // Also refuse timestamps from the future beyond the tolerance: a replay cannot be pre-dated.
  if (!/^\d+$/.test(input.timestamp) || Math.abs(input.now - ts) > SIGNATURE_TOLERANCE_MS) return 'stale_timestamp';
  const candidates = new Set([input.uri, decodeSignedUri(input.uri)]);
  for (const uri of candidates) {
    if (safeEqual(signatureV3(input.secret, input.method.toUpperCase(), uri, input.body, input.timestamp), input.signature, 'base64')) return 'ok';
  }
  return 'invalid_signature';
}
