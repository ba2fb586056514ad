import type { z } from 'zod';
import { VendorError } from './errors.js';

/** Parses a vendor body with its schema; a mismatch is a typed, non-retryable vendor error. */
export function parseVendorPayload<S extends z.ZodType>(vendor: string, operation: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0];
  throw new VendorError(`unexpected response shape at ${where?.path.join('.') || '(root)'}: ${where?.message ?? ''}`, {
    vendor,
    operation,
    code: 'UPSTREAM_BAD_RESPONSE',
    retryable: false,
  });
}
