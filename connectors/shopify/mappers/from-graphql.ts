/** Reads Admin GraphQL objects into the mappers' facts. */
import { checkoutTokenOf, legacyIdOf } from '../gid.js';
import type { ShopifyCheckout, ShopifyCustomer, ShopifyOrder } from '../schemas.js';
import { money, type CheckoutFacts, type ConsentFacts, type CustomerFacts, type OrderFacts } from './facts.js';

export function customerFactsFromGraphql(customer: ShopifyCustomer): CustomerFacts {
  return {
    customerId: customer.id,
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
    firstName: customer.firstName,
    lastName: customer.lastName,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

/** The customer's email and SMS consent, one statement per channel Shopify keeps. */
export function consentFactsFromGraphql(customer: ShopifyCustomer): ConsentFacts[] {
  const out: ConsentFacts[] = [];
  const email = customer.emailMarketingConsent;
  if (email) {
    out.push({
      customerId: customer.id,
      channel: 'email',
      address: customer.defaultEmailAddress?.emailAddress ?? null,
      state: email.marketingState,
      optInLevel: email.marketingOptInLevel,
      updatedAt: email.consentUpdatedAt,
      collectedFrom: null,
      since: customer.createdAt,
    });
  }
  const sms = customer.smsMarketingConsent;
  if (sms) {
    out.push({
      customerId: customer.id,
      channel: 'sms',
      address: customer.defaultPhoneNumber?.phoneNumber ?? null,
      state: sms.marketingState,
      optInLevel: sms.marketingOptInLevel,
      updatedAt: sms.consentUpdatedAt,
      collectedFrom: sms.consentCollectedFrom,
      since: customer.createdAt,
    });
  }
  return out;
}

export function orderFactsFromGraphql(order: ShopifyOrder): OrderFacts {
  return {
    orderId: order.id,
    name: order.name,
    customerId: order.customer?.id ?? null,
    email: order.email,
    processedAt: order.processedAt,
    total: money(order.totalPriceSet.shopMoney.amount, order.totalPriceSet.shopMoney.currencyCode),
    itemCount: order.subtotalLineItemsQuantity,
    landingSite: order.customerJourneySummary?.firstVisit?.landingPage ?? null,
  };
}

export function checkoutFactsFromGraphql(checkout: ShopifyCheckout): CheckoutFacts {
  return {
    // The token in the recovery URL is what webhooks key the checkout by; the GID's number otherwise.
    token: checkoutTokenOf(checkout.abandonedCheckoutUrl) ?? legacyIdOf(checkout.id, 'AbandonedCheckout') ?? checkout.id,
    customerId: checkout.customer?.id ?? null,
    email: checkout.customer?.defaultEmailAddress?.emailAddress ?? null,
    createdAt: checkout.createdAt,
    updatedAt: checkout.updatedAt,
    completedAt: checkout.completedAt,
    total: money(checkout.totalPriceSet.shopMoney.amount, checkout.totalPriceSet.shopMoney.currencyCode),
    itemCount: checkout.lineItems.nodes.reduce((sum, li) => sum + li.quantity, 0),
    recoveryUrl: checkout.abandonedCheckoutUrl,
  };
}
