/**
 * Constant-time comparison for webhook signatures and shared tokens. `timingSafeEqual` throws on
 * buffers of different lengths, and a length mismatch says nothing secret, so it is a plain
 * "unequal" here. An empty expectation never matches (a missing secret must not verify).
 */
import { timingSafeEqual } from 'node:crypto';

export function constantTimeEqual(expected: Buffer, presented: Buffer): boolean {
  return expected.length > 0 && expected.length === presented.length && timingSafeEqual(expected, presented);
}

/** Compares two encoded digests by their bytes; text that fails to decode is simply unequal. */
export function encodedEqual(expected: string, presented: string, encoding: 'base64' | 'hex' | 'utf8'): boolean {
  return constantTimeEqual(Buffer.from(expected, encoding), Buffer.from(presented, encoding));
}
