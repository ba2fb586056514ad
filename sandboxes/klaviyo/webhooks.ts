/**
 * Klaviyo system webhooks: a POST of `{data: [{topic, external_id, payload}], meta}` where each
 * payload has the shape of a Get Event response, signed with
 * `Klaviyo-Signature = hex(HMAC-SHA256(secret, rawBody + Klaviyo-Timestamp))`.
 * @see https://developers.klaviyo.com/en/docs/working_with_system_webhooks
 */
import { createHmac } from 'node:crypto';
import type { MetricName } from './catalog.js';
import { klaviyoTime } from './format.js';
import type { KlaviyoEventRecord } from './history.js';
import { eventResource, metricResource, profileResource } from './resources.js';
import type { KlaviyoState } from './state.js';

/** Webhook topics are `event:klaviyo.<metric name in snake case>`; integration metrics have none. */
export function topicOf(metric: MetricName): string | undefined {
  if (metric === 'Placed Order' || metric === 'Started Checkout') return undefined;
  return `event:klaviyo.${metric.toLowerCase().replaceAll(' ', '_')}`;
}

export function signKlaviyoWebhook(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(rawBody + timestamp).digest('hex');
}

/** The signed delivery for some events: exact body bytes and headers. */
export function klaviyoDelivery(state: KlaviyoState, events: readonly KlaviyoEventRecord[], secret: string, base: string) {
  const data = events.flatMap((event) => {
    const topic = topicOf(event.metric);
    if (!topic) return [];
    const profile = state.profiles.get(event.profileId);
    const metric = state.catalog.metricByName.get(event.metric)!;
    const payload = {
      data: eventResource(event, state, base),
      included: [metricResource(metric, base), ...(profile ? [profileResource(profile, state, base)] : [])],
    };
    return [{ topic, external_id: event.id, payload }];
  });
  if (data.length === 0) return undefined;
  const now = state.clock();
  const webhookId = state.catalog.webhookId;
  const body = JSON.stringify({
    data,
    meta: { klaviyo_account_id: state.catalog.accountId, klaviyo_webhook_id: webhookId, timestamp: klaviyoTime(now), version: '2026-07-15' },
  });
  // Unix seconds, the value that is appended to the body before signing.
  const timestamp = String(Math.floor(now / 1000));
  return {
    topic: data[0]!.topic,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Klaviyo-Webhooks/1.0',
      'klaviyo-webhook-id': webhookId,
      'klaviyo-timestamp': timestamp,
      'klaviyo-signature': signKlaviyoWebhook(secret, body, timestamp),
    },
  };
}
