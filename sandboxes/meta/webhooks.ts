/**
 * Leadgen webhooks as Meta sends them: a `page` object notification whose change carries only ids
 * (the receiver fetches the lead), signed over the exact bytes with the app secret:
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256>` and the legacy `X-Hub-Signature: sha1=<hex HMAC-SHA1>`.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#webhooks
 */
import { createHmac } from 'node:crypto';
import type { DemoLead } from '../demo-world/world.js';

export function signMetaPayload(rawBody: string, appSecret: string): { sha256: string; sha1: string } {
  return {
    sha256: `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`,
    sha1: `sha1=${createHmac('sha1', appSecret).update(rawBody, 'utf8').digest('hex')}`,
  };
}

/** The notification body for one new lead; ids are strings (they outgrow JSON-safe integers). */
export function leadgenNotification(lead: DemoLead, pageId: string, nowMs: number): string {
  const created = Math.floor(Date.parse(lead.createdTime) / 1000);
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time: Math.floor(nowMs / 1000),
        changes: [
          {
            field: 'leadgen',
            value: {
              leadgen_id: lead.leadId,
              page_id: pageId,
              form_id: lead.formId,
              adgroup_id: lead.adId,
              ad_id: lead.adId,
              created_time: created,
            },
          },
        ],
      },
    ],
  });
}

export function webhookHeaders(rawBody: string, appSecret: string): Record<string, string> {
  const signature = signMetaPayload(rawBody, appSecret);
  return {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'x-hub-signature-256': signature.sha256,
    'x-hub-signature': signature.sha1,
  };
}
