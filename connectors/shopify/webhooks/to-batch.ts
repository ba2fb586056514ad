/**
 * What each subscribed topic means for the hub: identity observations, timeline events, consent
 * records, the cached reads it makes stale, and erasures. Unknown topics yield an empty batch.
 * @see https://shopify.dev/docs/api/webhooks/2026-10
 */
import type { z } from 'zod';
import { parseVendorPayload } from '../../http/parse.js';
import { emptyBatch, type UnifiedBatch } from '../../unified/batch.js';
import { toGid } from '../gid.js';
import { changed } from '../mappers/changed.js';
import { identitiesOf } from '../mappers/identities.js';
import { toCheckoutStartedEvent, toOrderPlacedEvent, toProfileCreatedEvent } from '../mappers/to-commerce-events.js';
import { toConsentEvent, toConsentRecord } from '../mappers/to-consent.js';
import { customerObservation } from '../mappers/to-identity-observation.js';
import {
  checkoutFactsFromWebhook,
  customerFactsFromWebhook,
  emailConsentFactsFromWebhook,
  orderFactsFromWebhook,
  smsConsentFactsFromWebhook,
} from './from-webhook.js';
import {
  CustomerRedactSchema,
  EmailConsentWebhookSchema,
  SmsConsentWebhookSchema,
  WebhookCheckoutSchema,
  WebhookCustomerSchema,
  WebhookOrderSchema,
} from './payloads.js';

export const SUBSCRIBED_TOPICS = [
  'customers/create',
  'customers/update',
  'orders/create',
  'checkouts/create',
  'checkouts/update',
  'customers_email_marketing_consent/update',
  'customers_marketing_consent/update',
  'customers/redact',
] as const;

const parse = <S extends z.ZodType>(topic: string, schema: S, body: unknown): z.infer<S> => parseVendorPayload('shopify', `webhook ${topic}`, schema, body);

/** Maps one verified delivery. `triggeredAt` is the delivery's `X-Shopify-Triggered-At` (or receipt time). */
export function webhookToBatch(topic: string, body: unknown, triggeredAt: string): UnifiedBatch {
  const batch = emptyBatch();
  switch (topic) {
    case 'customers/create':
    case 'customers/update': {
      const customer = customerFactsFromWebhook(parse(topic, WebhookCustomerSchema, body), triggeredAt);
      batch.observations.push(customerObservation(customer));
      if (topic === 'customers/create') batch.events.push(toProfileCreatedEvent(customer));
      batch.changed.push(changed('customer', customer.customerId));
      return batch;
    }
    case 'orders/create': {
      const order = orderFactsFromWebhook(parse(topic, WebhookOrderSchema, body));
      batch.events.push(toOrderPlacedEvent(order));
      if (order.customerId) {
        batch.observations.push({ source: 'shopify', sourceRecordId: order.orderId, observedAt: new Date(order.processedAt).toISOString(), identities: identitiesOf(order) });
        batch.changed.push(changed('customer', order.customerId), changed('orders', order.customerId));
      }
      return batch;
    }
    case 'checkouts/create':
    case 'checkouts/update': {
      const checkout = checkoutFactsFromWebhook(parse(topic, WebhookCheckoutSchema, body));
      // The same event id on create and update: an update whose create was lost still records the start.
      if (identitiesOf(checkout).length > 0) batch.events.push(toCheckoutStartedEvent(checkout));
      if (checkout.customerId) {
        batch.changed.push(changed('checkouts', checkout.customerId));
        if (checkout.completedAt) batch.changed.push(changed('customer', checkout.customerId), changed('orders', checkout.customerId));
      }
      return batch;
    }
    case 'customers_email_marketing_consent/update':
    case 'customers_marketing_consent/update': {
      const facts =
        topic === 'customers_marketing_consent/update'
          ? smsConsentFactsFromWebhook(parse(topic, SmsConsentWebhookSchema, body), triggeredAt)
          : emailConsentFactsFromWebhook(parse(topic, EmailConsentWebhookSchema, body), triggeredAt);
      batch.consents.push(toConsentRecord(facts));
      batch.events.push(toConsentEvent(facts));
      batch.changed.push(changed('customer', facts.customerId));
      return batch;
    }
    case 'customers/redact': {
      const redact = parse(topic, CustomerRedactSchema, body);
      const customerId = redact.customer.id ? toGid('Customer', redact.customer.id) : null;
      const identities = identitiesOf({ customerId, email: redact.customer.email, phone: redact.customer.phone });
      if (identities.length > 0) batch.erasures = [{ vendor: 'shopify', identities }];
      if (customerId) batch.changed.push(changed('customer', customerId), changed('orders', customerId), changed('checkouts', customerId));
      return batch;
    }
    default:
      return batch;
  }
}
