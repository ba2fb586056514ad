/**
 * Builds the Shopify store from the demo world. What the world already says (who holds a Shopify
 * account, their orders, checkouts, consent truths) is taken as is; what only Shopify knows
 * (addresses, customer state, how consent was collected, recovery emails) is drawn from this
 * sandbox's own fork per person, so it is deterministic and never shifts any other vendor's data.
 */
import { createRandom, type Random } from '../demo-world/random.js';
import type { DemoConsent, DemoOrder, DemoPerson, DemoWorld } from '../demo-world/world.js';
import {
  ShopifyState,
  type CheckoutEmailState,
  type EmailConsentRecord,
  type MailingAddressRecord,
  type OptInLevel,
  type ShopifyCustomerRecord,
  type ShopifyLineItemRecord,
  type SmsConsentRecord,
} from './state.js';

export const SHOP_ID = '63816482951';
export const SHOP_DOMAIN = 'hub-demo.myshopify.com';

const CITIES = [
  { city: 'New York', province: 'New York', provinceCode: 'NY', zip: '100' },
  { city: 'Chicago', province: 'Illinois', provinceCode: 'IL', zip: '606' },
  { city: 'San Francisco', province: 'California', provinceCode: 'CA', zip: '941' },
  { city: 'Portland', province: 'Oregon', provinceCode: 'OR', zip: '972' },
  { city: 'Boston', province: 'Massachusetts', provinceCode: 'MA', zip: '021' },
  { city: 'Denver', province: 'Colorado', provinceCode: 'CO', zip: '802' },
  { city: 'Honolulu', province: 'Hawaii', provinceCode: 'HI', zip: '968' },
] as const;
const STREETS = ['Oak Street', 'Maple Avenue', 'Cedar Lane', 'Pine Road', 'Elm Street', 'Harbor Way', 'Market Street'];

export function buildShopifyState(world: DemoWorld): ShopifyState {
  const state = new ShopifyState(SHOP_ID, SHOP_DOMAIN);
  const root = createRandom(world.seed);
  for (const person of world.people) {
    if (!person.shopify) continue;
    seedCustomer(state, person, root.fork(`shopify:person:${person.index}`));
  }
  return state;
}

function seedCustomer(state: ShopifyState, person: DemoPerson, random: Random): void {
  const facet = person.shopify!;
  const customer: ShopifyCustomerRecord = {
    legacyId: facet.customerId,
    firstName: person.firstName,
    lastName: person.lastName,
    // Shopify keeps what the customer typed, minus surrounding spaces.
    email: facet.email.trim(),
    phone: facet.phone ?? null,
    tags: [...facet.tags],
    state: random.pick(['ENABLED', 'ENABLED', 'DISABLED', 'DISABLED', 'INVITED'] as const),
    note: null,
    address: address(random, person, facet.phone ?? null),
    emailConsent: emailConsent(random, person.consent),
    smsConsent: facet.phone ? smsConsent(random, person.consent) : null,
    createdAt: facet.createdAt,
    updatedAt: facet.updatedAt,
    orderIds: [],
    checkoutIds: [],
    redactedAt: null,
  };
  state.addCustomer(customer);

  for (const order of facet.orders) {
    state.addOrder({
      legacyId: order.id,
      name: order.name,
      customerId: customer.legacyId,
      email: customer.email,
      createdAt: order.createdAt,
      processedAt: order.createdAt,
      updatedAt: order.createdAt,
      currencyCode: order.currencyCode,
      lineItems: lineItems(order.id, order.lineItems),
      total: order.total,
      landingSite: order.landingSite ?? null,
      checkoutToken: null,
    });
  }
  for (const checkout of facet.abandonedCheckouts) {
    state.addCheckout({
      legacyId: checkout.id,
      token: checkout.token,
      recoveryKey: random.chars('0123456789abcdef', 32),
      customerId: customer.legacyId,
      email: customer.email,
      createdAt: checkout.createdAt,
      updatedAt: checkout.completedAt ?? checkout.createdAt,
      completedAt: checkout.completedAt ?? null,
      abandoned: true,
      emailState: random.pick<CheckoutEmailState>(['sent', 'sent', 'sent', 'not_sent', 'scheduled', 'suppressed']),
      lineItems: lineItems(checkout.id, checkout.lineItems),
      total: checkout.total,
      currencyCode: checkout.currencyCode,
    });
  }
}

export function lineItems(parentId: string, items: DemoOrder['lineItems']): ShopifyLineItemRecord[] {
  return items.map((item, i) => ({ legacyId: `${parentId}${i + 1}`, ...item }));
}

function address(random: Random, person: DemoPerson, phone: string | null): MailingAddressRecord {
  const place = random.pick(CITIES);
  return {
    legacyId: String(9_000_000_000_000 + person.index),
    firstName: person.firstName,
    lastName: person.lastName,
    address1: `${random.int(1, 999)} ${random.pick(STREETS)}`,
    address2: random.chance(0.25) ? `Apt ${random.int(1, 40)}` : null,
    city: place.city,
    province: place.province,
    provinceCode: place.provinceCode,
    country: 'United States',
    countryCode: 'US',
    zip: `${place.zip}${random.chars('0123456789', 2)}`,
    phone,
  };
}

const OPT_IN_BY_METHOD: Record<string, OptInLevel> = {
  DOUBLE_OPT_IN: 'CONFIRMED_OPT_IN',
  SINGLE_OPT_IN: 'SINGLE_OPT_IN',
  CHECKOUT: 'SINGLE_OPT_IN',
  PREFERENCE_PAGE: 'UNKNOWN',
};

/**
 * Shopify's email state for the person's truth. A double opt-in that is still waiting for the
 * confirmation click is PENDING; an address that bounced is INVALID whatever the person chose.
 */
function emailConsent(random: Random, truth: DemoConsent): EmailConsentRecord {
  const bounced = random.chance(0.06);
  const awaitingConfirmation = random.chance(0.3);
  const optInLevel = OPT_IN_BY_METHOD[truth.emailMethod] ?? 'UNKNOWN';
  if (bounced) return { state: 'INVALID', optInLevel, updatedAt: truth.emailUpdatedAt };
  switch (truth.email) {
    case 'SUBSCRIBED':
      return {
        state: truth.emailMethod === 'DOUBLE_OPT_IN' && awaitingConfirmation ? 'PENDING' : 'SUBSCRIBED',
        optInLevel,
        updatedAt: truth.emailUpdatedAt,
      };
    case 'UNSUBSCRIBED':
      return { state: 'UNSUBSCRIBED', optInLevel, updatedAt: truth.emailUpdatedAt };
    default:
      return { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null };
  }
}

/** Shopify's SMS state for the person's truth; a keyword reply still awaited is PENDING. */
function smsConsent(random: Random, truth: DemoConsent): SmsConsentRecord {
  const collectedFrom = random.pick(['SHOPIFY', 'SHOPIFY', 'OTHER'] as const);
  const awaitingReply = random.chance(0.15);
  switch (truth.sms) {
    case 'SUBSCRIBED':
      return {
        state: awaitingReply ? 'PENDING' : 'SUBSCRIBED',
        optInLevel: awaitingReply ? 'CONFIRMED_OPT_IN' : 'SINGLE_OPT_IN',
        updatedAt: truth.smsUpdatedAt,
        collectedFrom,
      };
    case 'UNSUBSCRIBED':
      return { state: 'UNSUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: truth.smsUpdatedAt, collectedFrom };
    default:
      return { state: 'NOT_SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: null, collectedFrom: null };
  }
}
