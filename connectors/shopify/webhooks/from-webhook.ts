/** Reads webhook bodies into the mappers' facts (numeric ids become GIDs; times become UTC). */
import type { z } from 'zod';
import { checkoutTokenOf, toGid } from '../gid.js';
import { money, type CheckoutFacts, type ConsentFacts, type CustomerFacts, type OrderFacts } from '../mappers/facts.js';
import type { EmailConsentWebhookSchema, SmsConsentWebhookSchema, WebhookCheckoutSchema, WebhookCustomer, WebhookOrderSchema } from './payloads.js';

export function customerFactsFromWebhook(customer: WebhookCustomer, receivedAt: string): CustomerFacts {
  return {
    customerId: toGid('Customer', customer.id),
    email: customer.email,
    phone: customer.phone,
    firstName: customer.first_name,
    lastName: customer.last_name,
    createdAt: customer.created_at ?? receivedAt,
    updatedAt: customer.updated_at ?? receivedAt,
  };
}

export function orderFactsFromWebhook(order: z.infer<typeof WebhookOrderSchema>): OrderFacts {
  return {
    orderId: toGid('Order', order.id),
    name: order.name,
    customerId: order.customer ? toGid('Customer', order.customer.id) : null,
    email: order.email ?? order.customer?.email ?? null,
    processedAt: order.processed_at ?? order.created_at,
    total: money(order.total_price, order.currency),
    itemCount: order.line_items.reduce((sum, li) => sum + li.quantity, 0),
    landingSite: order.landing_site,
  };
}

export function checkoutFactsFromWebhook(checkout: z.infer<typeof WebhookCheckoutSchema>): CheckoutFacts {
  return {
    token: checkout.abandoned_checkout_url ? (checkoutTokenOf(checkout.abandoned_checkout_url) ?? checkout.token) : checkout.token,
    customerId: checkout.customer ? toGid('Customer', checkout.customer.id) : null,
    email: checkout.email ?? checkout.customer?.email ?? null,
    createdAt: checkout.created_at,
    updatedAt: checkout.updated_at,
    completedAt: checkout.completed_at ?? null,
    total: money(checkout.total_price, checkout.currency),
    itemCount: checkout.line_items.reduce((sum, li) => sum + li.quantity, 0),
    recoveryUrl: checkout.abandoned_checkout_url,
  };
}

/** A consent webhook carries no date when Shopify has none: the delivery's trigger time stands in. */
export function emailConsentFactsFromWebhook(body: z.infer<typeof EmailConsentWebhookSchema>, triggeredAt: string): ConsentFacts {
  const consent = body.email_marketing_consent;
  return {
    customerId: toGid('Customer', body.customer_id),
    channel: 'email',
    address: body.email_address,
    state: (consent.state ?? 'NOT_SUBSCRIBED').toUpperCase(),
    optInLevel: consent.opt_in_level?.toUpperCase() ?? null,
    updatedAt: consent.consent_updated_at ?? null,
    collectedFrom: null,
    since: triggeredAt,
  };
}

export function smsConsentFactsFromWebhook(body: z.infer<typeof SmsConsentWebhookSchema>, triggeredAt: string): ConsentFacts {
  const consent = body.sms_marketing_consent;
  return {
    customerId: toGid('Customer', body.id),
    channel: 'sms',
    address: body.phone,
    state: (consent.state ?? 'NOT_SUBSCRIBED').toUpperCase(),
    optInLevel: consent.opt_in_level?.toUpperCase() ?? null,
    updatedAt: consent.consent_updated_at ?? null,
    collectedFrom: consent.consent_collected_from?.toUpperCase() ?? null,
    since: triggeredAt,
  };
}
