/**
 * Shopify's webhook signature: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw
 * request body keyed with the app's client secret. Compared in constant time over the decoded
 * bytes, after a length check. Shopify signs no timestamp (and retries for hours with the same
 * bytes), so there is no freshness window; replays are caught by the delivery key instead.
 * @see https://shopify.dev/docs/apps/build/webhooks/verify-deliveries
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../http/constant-time.js';
import type { WebhookVerification } from '../../unified/contracts.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function verifyShopifyHmac(rawBody: Buffer, header: string | undefined, secret: string | undefined): WebhookVerification {
  if (!secret) return { ok: false, reason: 'not_configured' };
  if (!header) return { ok: false, reason: 'missing_signature' };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = BASE64.test(header.trim()) ? Buffer.from(header.trim(), 'base64') : Buffer.alloc(0);
  return constantTimeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'invalid_signature' };
}
