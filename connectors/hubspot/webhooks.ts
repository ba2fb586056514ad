/**
 * HubSpot webhook handler: v3 signature check (constant time, 5-minute timestamp tolerance),
 * a dedupe key that is the same for HubSpot's retries of a delivery (they resend the same event
 * ids with a higher `attemptNumber`, re-signed), and mapping to unified records after one batch
 * read per kind of thing the events only reference.
 * @see https://developers.hubspot.com/docs/guides/apps/authentication/validating-requests
 * @see https://developers.hubspot.com/docs/api/webhooks
 */
import { createHash } from 'node:crypto';
import type { VendorWebhookHandler, WebhookRequest, WebhookVerification } from '../unified/contracts.js';
import type { HubSpotClient } from './client.js';
import { classifyEvent, mapWebhookEvents } from './mappers/webhook-events.js';
import type { MarketingSubscriptionsReader } from './marketing-subscriptions.js';
import { ENGAGEMENT_PROPERTIES, ENGAGEMENT_TYPES, WebhookDeliverySchema, type HubSpotEngagementType, type HubSpotObject, type HubSpotWebhookEvent } from './schemas.js';
import { checkSignatureV3 } from './webhook-signature.js';

export interface HubSpotWebhookOptions {
  client: HubSpotClient;
  /** The app's client secret; undefined refuses every delivery as not configured. */
  clientSecret: string | undefined;
  /** Which subscription types are marketing (read only when a delivery carries opt-out changes). */
  marketing: MarketingSubscriptionsReader;
}

export function createHubSpotWebhookHandler(options: HubSpotWebhookOptions): VendorWebhookHandler {
  const { client } = options;
  const { marketing } = options;

  return {
    vendor: 'hubspot',

    verify(request: WebhookRequest, now = Date.now()): WebhookVerification {
      if (!options.clientSecret) return { ok: false, reason: 'not_configured' };
      const signature = request.headers['x-hubspot-signature-v3'];
      const timestamp = request.headers['x-hubspot-request-timestamp'];
      if (!signature || !timestamp) return { ok: false, reason: 'missing_signature' };
      const body = request.rawBody.toString('utf8');
      const check = checkSignatureV3({ secret: options.clientSecret, method: request.method, uri: request.url, body, timestamp, signature, now });
      if (check !== 'ok') return { ok: false, reason: check };
      return parseDelivery(request) ? { ok: true } : { ok: false, reason: 'malformed_body' };
    },

    deliveryKey(request: WebhookRequest): string {
      const events = parseDelivery(request);
      const material = events
        ? `${events[0]!.portalId}:${events.map((e) => e.eventId).sort((a, b) => a - b).join(',')}`
        : request.rawBody.toString('utf8');
      return `hubspot:${createHash('sha256').update(material).digest('hex').slice(0, 32)}`;
    },

    async toBatch(request: WebhookRequest) {
      const events = parseDelivery(request);
      if (!events) throw new Error('HubSpot webhook body is not a delivery (a JSON array of events)');
      const contactIds = new Set<string>();
      const engagementIds = new Map<HubSpotEngagementType, Set<string>>();
      const dealIds = new Set<string>();
      let optOuts = false;
      for (const event of events) {
        const { type, action } = classifyEvent(event);
        const id = event.objectId === undefined ? undefined : String(event.objectId);
        if (!id) continue;
        if (type === 'contacts' && ['creation', 'restore', 'propertyChange'].includes(action)) contactIds.add(id);
        if (type === 'contacts' && action === 'merge' && event.primaryObjectId !== undefined) contactIds.add(String(event.primaryObjectId));
        if (type === 'deals' && ['creation', 'deletion', 'propertyChange'].includes(action)) dealIds.add(id);
        if (type && (ENGAGEMENT_TYPES as readonly string[]).includes(type)) {
          const set = engagementIds.get(type as HubSpotEngagementType) ?? new Set();
          engagementIds.set(type as HubSpotEngagementType, set.add(id));
        }
        if (event.propertyName?.startsWith('hs_email_optout')) optOuts = true;
      }
      // One call per kind of lookup, in parallel; each answers for every event of the delivery.
      const [contacts, dealContacts, engagementReads] = await Promise.all([
        contactIds.size > 0 ? client.batchReadContacts([...contactIds]) : Promise.resolve([]),
        dealIds.size > 0 ? client.batchReadAssociations('deals', 'contacts', [...dealIds]) : Promise.resolve(new Map<string, string[]>()),
        Promise.all(
          [...engagementIds].map(async ([type, ids]) => {
            const [records, associated] = await Promise.all([
              client.batchReadObjects(type, [...ids], { properties: ENGAGEMENT_PROPERTIES[type] }),
              client.batchReadAssociations(type, 'contacts', [...ids]),
            ]);
            return { type, records, associated };
          }),
        ),
      ]);
      const contactsOf = new Map<string, string[]>();
      for (const [id, ids] of dealContacts) contactsOf.set(`deals:${id}`, ids);
      const engagements = new Map<HubSpotEngagementType, Map<string, HubSpotObject>>();
      for (const { type, records, associated } of engagementReads) {
        engagements.set(type, new Map(records.map((r) => [r.id, r])));
        for (const [id, ids] of associated) contactsOf.set(`${type}:${id}`, ids);
      }
      return mapWebhookEvents(events, {
        contacts: new Map(contacts.map((c) => [c.id, c])),
        engagements,
        contactsOf,
        marketing: optOuts ? await marketing() : undefined,
      });
    },
  };
}

function parseDelivery(request: WebhookRequest): HubSpotWebhookEvent[] | undefined {
  try {
    const parsed = WebhookDeliverySchema.safeParse(JSON.parse(request.rawBody.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
