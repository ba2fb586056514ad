/**
 * HubSpot webhook deliveries: a JSON array of events POSTed to the app's target URL, signed
 * with the app's client secret. v3 (what apps verify today) is
 * base64(HMAC-SHA256(secret, method + uri + body + timestamp)) in `X-HubSpot-Signature-v3` with
 * the millisecond timestamp in `X-HubSpot-Request-Timestamp`; the v1 signature
 * hex(SHA-256(secret + body)) still rides along in `X-HubSpot-Signature`.
 * @see https://developers.hubspot.com/docs/guides/apps/authentication/validating-requests
 * @see https://developers.hubspot.com/docs/api/webhooks#webhook-payloads
 */
import { createHash, createHmac } from 'node:crypto';
import type { SandboxApp } from '../kit/create-sandbox-app.js';
import type { WebhookDelivery } from '../kit/webhook-sender.js';

export function signatureV1(secret: string, body: string): string {
  return createHash('sha256').update(secret + body, 'utf8').digest('hex');
}

export function signatureV2(secret: string, method: string, uri: string, body: string): string {
  return createHash('sha256').update(secret + method + uri + body, 'utf8').digest('hex');
}

export function signatureV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(method + uri + body + timestamp, 'utf8').digest('base64');
}

export interface HubSpotWebhookEventInput {
  subscriptionType: string;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeFlag?: string;
  /** Set on the generic `object.*` subscriptions (e.g. `0-49` for emails). */
  objectTypeId?: string;
  changeSource?: string;
  sourceId?: string;
}

/** Stable subscription ids per subscription type, as an app's settings would list them. */
const SUBSCRIPTION_IDS: Record<string, number> = {
  'contact.creation': 2_101_001,
  'contact.propertyChange': 2_101_002,
  'contact.privacyDeletion': 2_101_003,
  'deal.creation': 2_101_004,
  'deal.propertyChange': 2_101_005,
  'object.creation': 2_101_006,
};

export class HubSpotWebhookEmitter {
  private nextEventId = 1;

  constructor(
    private readonly sandbox: SandboxApp,
    private readonly options: { secret: string; portalId: number; appId: number; clock: () => number },
  ) {}

  /** Signs and sends one delivery holding these events (HubSpot batches up to 100 per request). */
  async emit(events: readonly HubSpotWebhookEventInput[]): Promise<WebhookDelivery> {
    const occurredAt = this.options.clock();
    const payload = events.map((event) => ({
      eventId: this.nextEventId++,
      subscriptionId: SUBSCRIPTION_IDS[event.subscriptionType] ?? 2_101_999,
      portalId: this.options.portalId,
      appId: this.options.appId,
      occurredAt,
      subscriptionType: event.subscriptionType,
      attemptNumber: 0,
      objectId: event.objectId,
      ...(event.objectTypeId ? { objectTypeId: event.objectTypeId } : {}),
      ...(event.propertyName ? { propertyName: event.propertyName, propertyValue: event.propertyValue ?? '' } : {}),
      ...(event.changeFlag ? { changeFlag: event.changeFlag } : {}),
      changeSource: event.changeSource ?? 'CRM',
      ...(event.sourceId ? { sourceId: event.sourceId } : {}),
    }));
    const body = JSON.stringify(payload);
    const timestamp = String(this.options.clock());
    const uri = this.sandbox.webhooks.target ?? '';
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor',
      'x-hubspot-signature': signatureV1(this.options.secret, body),
      'x-hubspot-signature-version': 'v1',
      'x-hubspot-signature-v3': signatureV3(this.options.secret, 'POST', uri, body, timestamp),
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-timeout-millis': '10000',
    };
    return this.sandbox.webhooks.send(events.map((e) => e.subscriptionType).join(','), headers, body);
  }
}
