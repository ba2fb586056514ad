/**
 * Webhook bodies the connector subscribes to, as Shopify sends them in 2026-10 (REST shapes in
 * snake_case). Only what the mapping reads is required; everything else passes through. Since
 * 2025-01 customer payloads carry no consent and no tags (consent has its own topics); since
 * 2026-04 checkout payloads carry `token` and no `id`.
 * @see https://shopify.dev/docs/api/webhooks/2026-10
 */
import { z } from 'zod';

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const instant = z.string().datetime({ offset: true });
const nullableString = z.string().nullable().optional().transform((v) => v ?? null);

export const WebhookCustomerSchema = z.object({
  id,
  email: nullableString,
  phone: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  created_at: instant.nullable().optional(),
  updated_at: instant.nullable().optional(),
});
export type WebhookCustomer = z.infer<typeof WebhookCustomerSchema>;

const LineItemSchema = z.object({ quantity: z.number().int() });

export const WebhookOrderSchema = z.object({
  id,
  name: z.string(),
  email: nullableString,
  processed_at: instant.nullable().optional(),
  created_at: instant,
  currency: z.string(),
  total_price: z.string(),
  landing_site: nullableString,
  customer: WebhookCustomerSchema.nullable().optional(),
  line_items: z.array(LineItemSchema),
});

export const WebhookCheckoutSchema = z.object({
  token: z.string().min(1),
  email: nullableString,
  phone: nullableString,
  created_at: instant,
  updated_at: instant,
  completed_at: instant.nullable().optional(),
  currency: z.string(),
  total_price: z.string(),
  abandoned_checkout_url: nullableString,
  customer: WebhookCustomerSchema.nullable().optional(),
  line_items: z.array(LineItemSchema),
});

const ConsentStateSchema = z.object({
  state: z.string().nullable(),
  opt_in_level: z.string().nullable().optional(),
  consent_updated_at: instant.nullable().optional(),
});

/** `customers_email_marketing_consent/update`. */
export const EmailConsentWebhookSchema = z.object({
  customer_id: id,
  email_address: nullableString,
  email_marketing_consent: ConsentStateSchema,
});

/** `customers_marketing_consent/update` (SMS). */
export const SmsConsentWebhookSchema = z.object({
  id,
  phone: nullableString,
  sms_marketing_consent: ConsentStateSchema.extend({ consent_collected_from: z.string().nullable().optional() }),
});

/** `customers/redact`, the mandatory GDPR topic: erase this customer and these orders. */
export const CustomerRedactSchema = z.object({
  shop_id: id,
  shop_domain: z.string(),
  customer: z.object({ id: id.optional(), email: nullableString, phone: nullableString }),
  orders_to_redact: z.array(id).default([]),
});
