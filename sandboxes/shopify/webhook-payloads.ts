/**
 * Webhook bodies as Shopify sends them in 2026-10: the REST resource shapes in snake_case, with
 * the 2025-01 rules (customer payloads carry no `tags`, `email_marketing_consent` or
 * `sms_marketing_consent`; consent travels on its own topics) and the 2026-04 rule (checkout
 * payloads carry `token` and no `id`; orders carry `checkout_token`, no `checkout_id`).
 * @see https://shopify.dev/docs/api/webhooks/2026-10
 * @see https://shopify.dev/changelog/new-customer-s-webhook-and-changes-to-existing-customer-s-webhooks-payload
 * @see https://shopify.dev/changelog/removed-checkout-id-from-checkouts-and-orders-webhooks
 */
import type { RedactedIdentity } from './changes.js';
import {
  GID,
  recoveryUrl,
  type MailingAddressRecord,
  type ShopifyCheckoutRecord,
  type ShopifyCustomerRecord,
  type ShopifyLineItemRecord,
  type ShopifyOrderRecord,
  type ShopifyState,
} from './state.js';

/** REST timestamps: second precision with an explicit offset (`2026-10-01T12:00:00+00:00`). */
export const restTime = (iso: string | null) => (iso ? `${new Date(iso).toISOString().slice(0, 19)}+00:00` : null);
const amount = (value: number | string) => Number(value).toFixed(2);
const priceSet = (value: number | string) => ({
  shop_money: { amount: amount(value), currency_code: 'USD' },
  presentment_money: { amount: amount(value), currency_code: 'USD' },
});
const lower = (value: string | null | undefined) => (value ? value.toLowerCase() : null);

function addressPayload(address: MailingAddressRecord, customerId: string) {
  return {
    id: Number(address.legacyId),
    customer_id: Number(customerId),
    first_name: address.firstName,
    last_name: address.lastName,
    company: null,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    country: address.country,
    zip: address.zip,
    phone: address.phone,
    name: `${address.firstName ?? ''} ${address.lastName ?? ''}`.trim(),
    province_code: address.provinceCode,
    country_code: address.countryCode,
    country_name: address.country,
    default: true,
  };
}

/** The customer as `customers/create` and `customers/update` (and orders, checkouts) carry it. */
export function customerPayload(customer: ShopifyCustomerRecord, options: { addresses: boolean } = { addresses: true }) {
  const address = customer.address ? addressPayload(customer.address, customer.legacyId) : null;
  return {
    id: Number(customer.legacyId),
    created_at: restTime(customer.createdAt),
    updated_at: restTime(customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: customer.note,
    verified_email: customer.email !== null,
    multipass_identifier: null,
    tax_exempt: false,
    email: customer.email,
    phone: customer.phone,
    currency: 'USD',
    ...(options.addresses ? { addresses: address ? [address] : [] } : {}),
    tax_exemptions: [],
    admin_graphql_api_id: GID.customer(customer.legacyId),
    default_address: address,
  };
}

/** `customers_email_marketing_consent/update`. */
export function emailConsentPayload(customer: ShopifyCustomerRecord) {
  const consent = customer.emailConsent;
  return {
    customer_id: Number(customer.legacyId),
    email_address: customer.email,
    email_marketing_consent: {
      state: lower(consent?.state),
      opt_in_level: lower(consent?.optInLevel),
      consent_updated_at: restTime(consent?.updatedAt ?? null),
    },
  };
}

/** `customers_marketing_consent/update` (the SMS channel). */
export function smsConsentPayload(customer: ShopifyCustomerRecord) {
  const consent = customer.smsConsent;
  return {
    id: Number(customer.legacyId),
    phone: customer.phone,
    sms_marketing_consent: {
      state: lower(consent?.state),
      opt_in_level: lower(consent?.optInLevel),
      consent_updated_at: restTime(consent?.updatedAt ?? null),
      consent_collected_from: lower(consent?.collectedFrom) ?? 'other',
    },
  };
}

function orderLineItem(item: ShopifyLineItemRecord) {
  return {
    id: Number(item.legacyId),
    admin_graphql_api_id: GID.lineItem(item.legacyId),
    name: item.title,
    title: item.title,
    sku: item.sku,
    quantity: item.quantity,
    current_quantity: item.quantity,
    price: amount(item.unitPrice),
    price_set: priceSet(item.unitPrice),
    gift_card: false,
    taxable: true,
    requires_shipping: true,
  };
}

/** `orders/create`. */
export function orderPayload(state: ShopifyState, order: ShopifyOrderRecord) {
  const customer = order.customerId ? state.customers.get(order.customerId) : undefined;
  return {
    id: Number(order.legacyId),
    admin_graphql_api_id: GID.order(order.legacyId),
    name: order.name,
    order_number: Number(order.name.replace(/\D/g, '')),
    email: order.email,
    contact_email: order.email,
    phone: null,
    created_at: restTime(order.createdAt),
    processed_at: restTime(order.processedAt),
    updated_at: restTime(order.updatedAt),
    currency: order.currencyCode,
    presentment_currency: order.currencyCode,
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: amount(order.total),
    total_price_set: priceSet(order.total),
    subtotal_price: amount(order.total),
    subtotal_price_set: priceSet(order.total),
    total_tax: '0.00',
    landing_site: order.landingSite,
    referring_site: order.landingSite?.includes('gclid=') ? 'https://www.google.com/' : null,
    checkout_token: order.checkoutToken,
    source_name: 'web',
    test: false,
    customer: customer ? customerPayload(customer, { addresses: false }) : null,
    line_items: order.lineItems.map(orderLineItem),
  };
}

/** `checkouts/create` and `checkouts/update`: keyed by `token` (the `id` field is gone since 2026-04). */
export function checkoutPayload(state: ShopifyState, checkout: ShopifyCheckoutRecord) {
  const customer = checkout.customerId ? state.customers.get(checkout.customerId) : undefined;
  return {
    token: checkout.token,
    cart_token: checkout.token.split('').reverse().join(''),
    email: checkout.email,
    gateway: null,
    buyer_accepts_marketing: customer?.emailConsent?.state === 'SUBSCRIBED',
    created_at: restTime(checkout.createdAt),
    updated_at: restTime(checkout.updatedAt),
    landing_site: null,
    note: null,
    currency: checkout.currencyCode,
    presentment_currency: checkout.currencyCode,
    completed_at: restTime(checkout.completedAt),
    closed_at: null,
    phone: customer?.phone ?? null,
    line_items: checkout.lineItems.map((item) => ({
      key: item.legacyId,
      sku: item.sku,
      title: item.title,
      presentment_title: item.title,
      quantity: item.quantity,
      price: amount(item.unitPrice),
      variant_price: amount(item.unitPrice),
      line_price: amount(Number(item.unitPrice) * item.quantity),
    })),
    name: `#${checkout.legacyId}`,
    source_name: 'web',
    abandoned_checkout_url: recoveryUrl(state, checkout),
    discount_codes: [],
    total_discounts: '0.00',
    total_line_items_price: amount(checkout.total),
    subtotal_price: amount(checkout.total),
    total_tax: '0.00',
    total_price: amount(checkout.total),
    customer: customer ? customerPayload(customer, { addresses: false }) : null,
  };
}

/** `customers/redact`, the mandatory GDPR compliance topic. */
export function redactPayload(state: ShopifyState, redacted: RedactedIdentity) {
  return {
    shop_id: Number(state.shopId),
    shop_domain: state.shopDomain,
    customer: { id: Number(redacted.customerId), email: redacted.email, phone: redacted.phone },
    orders_to_redact: redacted.orderIds.map(Number),
  };
}
