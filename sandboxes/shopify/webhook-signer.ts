/**
 * How Shopify signs and labels a webhook delivery: `X-Shopify-Hmac-Sha256` is the base64
 * HMAC-SHA256 of the raw body keyed with the app's client secret; the other headers name the
 * topic, shop, API version, the delivery (`X-Shopify-Webhook-Id`, the same on every retry), the
 * merchant action behind it (`X-Shopify-Event-Id`, shared by every topic one action triggers)
 * and when it was triggered.
 * @see https://shopify.dev/docs/apps/build/webhooks/delivery-structure
 * @see https://shopify.dev/docs/apps/build/webhooks/verify-deliveries
 */
import { createHmac } from 'node:crypto';

export function signShopifyWebhook(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export interface DeliveryLabels {
  topic: string;
  shopDomain: string;
  apiVersion: string;
  webhookId: string;
  eventId: string;
  triggeredAt: string;
}

export function shopifyWebhookHeaders(labels: DeliveryLabels, hmac: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': labels.topic,
    'X-Shopify-Hmac-Sha256': hmac,
    'X-Shopify-Shop-Domain': labels.shopDomain,
    'X-Shopify-API-Version': labels.apiVersion,
    'X-Shopify-Webhook-Id': labels.webhookId,
    'X-Shopify-Event-Id': labels.eventId,
    'X-Shopify-Triggered-At': labels.triggeredAt,
  };
}
