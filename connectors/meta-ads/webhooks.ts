/**
 * Meta webhooks for Lead Ads: the GET `hub.challenge` handshake that subscribes the callback, and
 * signed `leadgen` notifications (`X-Hub-Signature-256: sha256=` hex HMAC-SHA256 of the raw body
 * with the app secret; the legacy `X-Hub-Signature: sha1=` only when no SHA-256 signature is sent).
 * Meta signs no timestamp, so there is no tolerance window; a redelivery carries the same lead ids,
 * which make its delivery key. The notification names the lead only: `toBatch` fetches it.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#webhooks
 */
import { createHash, createHmac } from 'node:crypto';
import { encodedEqual } from '../http/constant-time.js';
import { z } from 'zod';
import { emptyBatch } from '../unified/batch.js';
import type { VendorWebhookHandler, WebhookRequest, WebhookVerification } from '../unified/contracts.js';
import type { MetaLeadsApi } from './leads-api.js';
import { toLeadBatch } from './mappers/to-lead-event.js';

const LeadgenNotificationSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      time: z.number().optional(),
      changes: z
        .array(
          z.object({
            field: z.string(),
            value: z.record(z.string(), z.unknown()),
          }),
        )
        .default([]),
    }),
  ),
});

export interface MetaWebhookOptions {
  leads: Pick<MetaLeadsApi, 'getLeads'>;
  /** The app secret Meta signs with; unset refuses every delivery as not configured. */
  appSecret: string | undefined;
  /** The token the hub chose when subscribing, echoed by Meta's GET handshake. */
  verifyToken: string;
}

export function createMetaWebhookHandler(options: MetaWebhookOptions): VendorWebhookHandler {
  return {
    vendor: 'meta',

    verify(request: WebhookRequest): WebhookVerification {
      if (!options.appSecret) return { ok: false, reason: 'not_configured' };
      const sha256 = request.headers['x-hub-signature-256'];
      const sha1 = request.headers['x-hub-signature'];
      const signed = sha256 !== undefined ? matches('sha256', sha256, request.rawBody, options.appSecret) : sha1 !== undefined ? matches('sha1', sha1, request.rawBody, options.appSecret) : undefined;
      if (signed === undefined) return { ok: false, reason: 'missing_signature' };
      if (!signed) return { ok: false, reason: 'invalid_signature' };
      return parse(request.rawBody) ? { ok: true } : { ok: false, reason: 'malformed_body' };
    },

    deliveryKey(request) {
      const notification = parse(request.rawBody);
      const ids = notification ? leadgenIds(notification) : [];
      if (ids.length > 0) return `meta:leadgen:${[...new Set(ids)].sort().join(',')}`;
      return `meta:body:${createHash('sha256').update(request.rawBody).digest('hex')}`;
    },

    handshake(request) {
      const { query } = request;
      const challenge = query['hub.challenge'];
      const token = query['hub.verify_token'] ?? '';
      if (query['hub.mode'] !== 'subscribe' || challenge === undefined || !sameText(token, options.verifyToken)) {
        return { status: 403, body: 'Forbidden' };
      }
      return { status: 200, body: challenge };
    },

    async toBatch(request) {
      const notification = parse(request.rawBody);
      if (!notification) throw new TypeError('Meta webhook body is not a notification');
      const ids = [...new Set(leadgenIds(notification))];
      if (ids.length === 0) return emptyBatch();
      // Leads Meta no longer returns (deleted since) are left out.
      return toLeadBatch(await options.leads.getLeads(ids));
    },
  };
}

function parse(rawBody: Buffer) {
  try {
    const parsed = LeadgenNotificationSchema.safeParse(JSON.parse(rawBody.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function leadgenIds(notification: z.infer<typeof LeadgenNotificationSchema>): string[] {
  return notification.entry.flatMap((entry) =>
    entry.changes.flatMap((change) => {
      const id = change.value.leadgen_id;
      return change.field === 'leadgen' && (typeof id === 'string' || typeof id === 'number') ? [String(id)] : [];
    }),
  );
}

/** `sha256=<hex>` / `sha1=<hex>` against the HMAC of the raw bytes, in constant time with a length guard. */
function matches(algorithm: 'sha256' | 'sha1', header: string, rawBody: Buffer, secret: string): boolean {
  const prefix = `${algorithm}=`;
  if (!header.startsWith(prefix)) return false;
  return encodedEqual(createHmac(algorithm, secret).update(rawBody).digest('hex'), header.slice(prefix.length), 'utf8');
}

const sameText = (a: string, b: string) => encodedEqual(b, a, 'utf8');
