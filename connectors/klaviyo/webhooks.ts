/**
 * Klaviyo system webhooks: verification, replay key and mapping.
 * - Signature: `Klaviyo-Signature` = hex(HMAC-SHA256(secret_key, rawBody + Klaviyo-Timestamp)), over the
 *   raw bytes, compared in constant time after a length check.
 * - Timestamp: `Klaviyo-Timestamp` (Unix seconds; milliseconds or ISO are read too) within ±5 minutes,
 *   so a captured delivery cannot be replayed later.
 * - Replay key: `Klaviyo-Webhook-Id` names the webhook, not the delivery, so the key is built from the
 *   event ids (`external_id`) the delivery carries: a retry of the same events has the same key.
 * @see https://developers.klaviyo.com/en/docs/working_with_system_webhooks
 */
import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from '../http/constant-time.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { VendorWebhookHandler, WebhookRequest, WebhookVerification } from '../unified/contracts.js';
import { eventsToBatch } from './mappers/to-batch.js';
import { eventRecords, KlaviyoWebhookBodySchema, type KlaviyoWebhookBody } from './schemas.js';

export const KLAVIYO_WEBHOOK_TOLERANCE_SECONDS = 300;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export interface KlaviyoWebhookOptions {
  /** The webhook's `secret_key`; undefined refuses every delivery as not configured. */
  secret: string | undefined;
  /** @default 300 */
  toleranceSeconds?: number;
}

export class KlaviyoWebhookBodyError extends Error {
  readonly reason = 'malformed_body';
}

/** `Klaviyo-Timestamp` as epoch milliseconds. */
export function timestampMs(header: string): number | undefined {
  if (/^\d+$/.test(header)) {
    const n = Number(header);
    return n > 1e12 ? n : n * 1000;
  }
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? undefined : ms;
}

export function klaviyoSignature(secret: string, rawBody: Buffer, timestamp: string): string {
  return createHmac('sha256', secret).update(rawBody).update(timestamp, 'utf8').digest('hex');
}

function parseBody(rawBody: Buffer): KlaviyoWebhookBody | undefined {
  try {
    const parsed = KlaviyoWebhookBodySchema.safeParse(JSON.parse(rawBody.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function createKlaviyoWebhookHandler(options: KlaviyoWebhookOptions): VendorWebhookHandler {
  const toleranceMs = (options.toleranceSeconds ?? KLAVIYO_WEBHOOK_TOLERANCE_SECONDS) * 1000;

  return {
    vendor: 'klaviyo',

    verify(request: WebhookRequest, now = Date.now()): WebhookVerification {
      if (!options.secret) return { ok: false, reason: 'not_configured' };
      const signature = request.headers['klaviyo-signature'];
      const timestamp = request.headers['klaviyo-timestamp'];
      if (!signature || !timestamp) return { ok: false, reason: 'missing_signature' };
      const at = timestampMs(timestamp);
      if (at === undefined || Math.abs(now - at) > toleranceMs) return { ok: false, reason: 'stale_timestamp' };
      // Length guard before the constant-time compare (timingSafeEqual throws on unequal lengths).
      if (!HEX_SHA256.test(signature)) return { ok: false, reason: 'invalid_signature' };
      const expected = Buffer.from(klaviyoSignature(options.secret, request.rawBody, timestamp), 'hex');
      if (!constantTimeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'invalid_signature' };
      return parseBody(request.rawBody) ? { ok: true } : { ok: false, reason: 'malformed_body' };
    },

    deliveryKey(request: WebhookRequest): string {
      const body = parseBody(request.rawBody);
      const material = body ? body.data.map((d) => d.external_id).sort().join(',') : request.rawBody.toString('base64');
      const webhookId = request.headers['klaviyo-webhook-id'] ?? body?.meta.klaviyo_webhook_id ?? 'unknown';
      return `klaviyo:${webhookId}:${createHash('sha256').update(material).digest('hex').slice(0, 32)}`;
    },

    async toBatch(request: WebhookRequest): Promise<UnifiedBatch> {
      const body = parseBody(request.rawBody);
      if (!body) throw new KlaviyoWebhookBodyError('not a Klaviyo system webhook body');
      return eventsToBatch(body.data.flatMap((item) => eventRecords([item.payload.data], item.payload.included)));
    },
  };
}
