/**
 * The changes a store goes through (a purchase, a checkout started, abandoned or completed, a
 * consent choice, a data erasure), applied to the sandbox state. Mutations and admin actions
 * both go through here; store-effects.ts adds the webhooks Shopify sends for each.
 */
import {
  type EmailConsentRecord,
  type ShopifyCheckoutRecord,
  type ShopifyCustomerRecord,
  type ShopifyLineItemRecord,
  type ShopifyOrderRecord,
  type ShopifyState,
  type SmsConsentRecord,
} from './state.js';

/** Bases for ids of records the sandbox creates: above every seeded id, so none collide. */
const ID_BASE = { customer: 8_000_000_000_000, order: 6_000_000_000, checkout: 40_000_000_000, address: 9_500_000_000_000 };

export type LineItemInput = Omit<ShopifyLineItemRecord, 'legacyId'>;

const total = (items: readonly LineItemInput[]) => items.reduce((sum, li) => sum + li.quantity * Number(li.unitPrice), 0).toFixed(2);
const withIds = (parentId: string, items: readonly LineItemInput[]): ShopifyLineItemRecord[] =>
  items.map((item, i) => ({ ...item, legacyId: `${parentId}${i + 1}` }));

export function createCustomer(
  state: ShopifyState,
  input: { email: string; firstName?: string | undefined; lastName?: string | undefined; phone?: string | undefined },
  at: string,
): ShopifyCustomerRecord {
  const customer: ShopifyCustomerRecord = {
    legacyId: state.nextId(ID_BASE.customer),
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    email: null,
    phone: input.phone ?? null,
    tags: [],
    state: 'DISABLED',
    note: null,
    address: null,
    emailConsent: { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null },
    smsConsent: input.phone ? { state: 'NOT_SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: null, collectedFrom: null } : null,
    createdAt: at,
    updatedAt: at,
    orderIds: [],
    checkoutIds: [],
    redactedAt: null,
  };
  state.addCustomer(customer);
  state.setEmail(customer, input.email.trim());
  return customer;
}

export function updateCustomer(
  state: ShopifyState,
  customer: ShopifyCustomerRecord,
  patch: { firstName?: string | undefined; lastName?: string | undefined; phone?: string | undefined; tags?: string[] | undefined; note?: string | undefined },
  at: string,
): void {
  if (patch.firstName !== undefined) customer.firstName = patch.firstName;
  if (patch.lastName !== undefined) customer.lastName = patch.lastName;
  if (patch.tags !== undefined) customer.tags = [...patch.tags];
  if (patch.note !== undefined) customer.note = patch.note;
  if (patch.phone !== undefined) {
    state.setPhone(customer, patch.phone);
    customer.smsConsent ??= { state: 'NOT_SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: null, collectedFrom: null };
  }
  customer.updatedAt = at;
  state.touch();
}

export function placeOrder(
  state: ShopifyState,
  customer: ShopifyCustomerRecord,
  input: { lineItems: readonly LineItemInput[]; landingSite?: string | undefined; checkoutToken?: string | undefined },
  at: string,
): ShopifyOrderRecord {
  const legacyId = state.nextId(ID_BASE.order);
  const order: ShopifyOrderRecord = {
    legacyId,
    // Above every seeded order number (#1001 + 10 per person), so names stay unique.
    name: `#${5_000_000 + Number(legacyId) - ID_BASE.order}`,
    customerId: customer.legacyId,
    email: customer.email,
    createdAt: at,
    processedAt: at,
    updatedAt: at,
    currencyCode: 'USD',
    lineItems: withIds(legacyId, input.lineItems),
    total: total(input.lineItems),
    landingSite: input.landingSite ?? null,
    checkoutToken: input.checkoutToken ?? null,
  };
  state.addOrder(order);
  customer.updatedAt = at;
  return order;
}

export function startCheckout(
  state: ShopifyState,
  customer: ShopifyCustomerRecord,
  input: { lineItems: readonly LineItemInput[]; token: string; recoveryKey: string },
  at: string,
): ShopifyCheckoutRecord {
  const legacyId = state.nextId(ID_BASE.checkout);
  const checkout: ShopifyCheckoutRecord = {
    legacyId,
    token: input.token,
    recoveryKey: input.recoveryKey,
    customerId: customer.legacyId,
    email: customer.email,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    abandoned: false,
    emailState: 'not_sent',
    lineItems: withIds(legacyId, input.lineItems),
    total: total(input.lineItems),
    currencyCode: 'USD',
  };
  state.addCheckout(checkout);
  return checkout;
}

/** Shopify marks the checkout abandoned and sends the recovery email (when the store has it on). */
export function abandonCheckout(state: ShopifyState, checkout: ShopifyCheckoutRecord, at: string): void {
  checkout.abandoned = true;
  checkout.emailState = 'sent';
  checkout.updatedAt = at;
  state.touch();
}

export function completeCheckout(state: ShopifyState, checkout: ShopifyCheckoutRecord, customer: ShopifyCustomerRecord, at: string): ShopifyOrderRecord {
  checkout.completedAt = at;
  checkout.updatedAt = at;
  state.touch();
  return placeOrder(state, customer, { lineItems: checkout.lineItems, checkoutToken: checkout.token }, at);
}

/**
 * Applies a consent record. Shopify keeps the record with the latest `consentUpdatedAt`, so an
 * older statement is accepted but changes nothing. Returns whether the state changed.
 */
export function applyEmailConsent(state: ShopifyState, customer: ShopifyCustomerRecord, next: EmailConsentRecord, at: string): boolean {
  return applyConsent(state, customer, 'emailConsent', next, at);
}

export function applySmsConsent(state: ShopifyState, customer: ShopifyCustomerRecord, next: SmsConsentRecord, at: string): boolean {
  return applyConsent(state, customer, 'smsConsent', next, at);
}

function applyConsent<K extends 'emailConsent' | 'smsConsent'>(
  state: ShopifyState,
  customer: ShopifyCustomerRecord,
  key: K,
  next: NonNullable<ShopifyCustomerRecord[K]>,
  at: string,
): boolean {
  const current = customer[key];
  if (current?.updatedAt && next.updatedAt && Date.parse(next.updatedAt) < Date.parse(current.updatedAt)) return false;
  customer[key] = next;
  customer.updatedAt = at;
  state.touch();
  return true;
}

/** What the redaction removes, as the `customers/redact` payload reports it. */
export interface RedactedIdentity {
  customerId: string;
  email: string | null;
  phone: string | null;
  orderIds: string[];
}

/** Erases the customer's personal data: names, contacts, address; consent states become REDACTED. */
export function redactCustomer(state: ShopifyState, customer: ShopifyCustomerRecord, at: string): RedactedIdentity {
  const before: RedactedIdentity = { customerId: customer.legacyId, email: customer.email, phone: customer.phone, orderIds: [...customer.orderIds] };
  state.setEmail(customer, null);
  customer.firstName = null;
  customer.lastName = null;
  state.setPhone(customer, null);
  customer.address = null;
  customer.note = null;
  customer.emailConsent = { state: 'REDACTED', optInLevel: null, updatedAt: at };
  customer.smsConsent = customer.smsConsent ? { ...customer.smsConsent, state: 'REDACTED', updatedAt: at } : null;
  customer.redactedAt = at;
  customer.updatedAt = at;
  for (const orderId of customer.orderIds) {
    const order = state.orders.get(orderId);
    if (order) order.email = null;
  }
  for (const checkoutId of customer.checkoutIds) {
    const checkout = state.checkouts.get(checkoutId);
    if (checkout) checkout.email = null;
  }
  state.touch();
  return before;
}

