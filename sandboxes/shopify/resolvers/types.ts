/**
 * Field resolvers for the object types: how a stored record reads as Shopify's GraphQL object.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Order
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/AbandonedCheckout
 */
import { CHECKOUTS, ORDERS, list, type ListArgs } from '../collections.js';
import { encodeCursor, paginate, sortKey, type ConnectionArgs } from '../connection.js';
import {
  GID,
  recoveryUrl,
  type MailingAddressRecord,
  type ShopifyCheckoutRecord,
  type ShopifyCustomerRecord,
  type ShopifyLineItemRecord,
  type ShopifyOrderRecord,
  type ShopifyState,
} from '../state.js';
import { decimal, moneyBag, moneyV2 } from './money.js';

type Customer = ShopifyCustomerRecord;
type Order = ShopifyOrderRecord;
type Checkout = ShopifyCheckoutRecord;
type LineItem = ShopifyLineItemRecord;

const lineItemPage = (items: LineItem[], args: ConnectionArgs) =>
  paginate('lineItems', items.map((item) => ({ item, key: sortKey('', item.legacyId) })), args);

/** Which object a record is, for `Node` fields (`node`, `nodes`). */
export function nodeType(record: object): string {
  if ('orderIds' in record) return 'Customer';
  if ('processedAt' in record) return 'Order';
  if ('token' in record) return 'AbandonedCheckout';
  return 'MailingAddress';
}

export function createTypeResolvers(state: ShopifyState) {
  const ordersOf = (c: Customer) => c.orderIds.map((id) => state.orders.get(id)!).filter(Boolean);
  return {
    Node: { __resolveType: nodeType },
    Customer: {
      id: (c: Customer) => GID.customer(c.legacyId),
      legacyResourceId: (c: Customer) => c.legacyId,
      displayName: (c: Customer) => `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() || c.email || c.phone || '',
      defaultEmailAddress: (c: Customer) =>
        c.email
          ? {
              emailAddress: c.email,
              // The address-level enum has no REDACTED: a redacted customer has no address at all.
              marketingState: c.emailConsent?.state === 'REDACTED' ? 'NOT_SUBSCRIBED' : (c.emailConsent?.state ?? 'NOT_SUBSCRIBED'),
              marketingOptInLevel: c.emailConsent?.optInLevel ?? null,
              marketingUpdatedAt: c.emailConsent?.updatedAt ?? null,
            }
          : null,
      defaultPhoneNumber: (c: Customer) => {
        if (!c.phone) return null;
        const sms = c.smsConsent ?? { state: 'NOT_SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: null, collectedFrom: null };
        const consent = { marketingState: sms.state, marketingOptInLevel: sms.optInLevel, consentUpdatedAt: sms.updatedAt, consentCollectedFrom: sms.collectedFrom };
        return {
          phoneNumber: c.phone,
          marketingState: sms.state,
          marketingOptInLevel: sms.optInLevel,
          marketingUpdatedAt: sms.updatedAt,
          marketingCollectedFrom: sms.collectedFrom,
          smsMarketingConsent: consent,
        };
      },
      emailMarketingConsent: (c: Customer) =>
        c.emailConsent
          ? { marketingState: c.emailConsent.state, marketingOptInLevel: c.emailConsent.optInLevel, consentUpdatedAt: c.emailConsent.updatedAt }
          : null,
      smsMarketingConsent: (c: Customer) =>
        c.smsConsent
          ? {
              marketingState: c.smsConsent.state,
              marketingOptInLevel: c.smsConsent.optInLevel,
              consentUpdatedAt: c.smsConsent.updatedAt,
              consentCollectedFrom: c.smsConsent.collectedFrom,
            }
          : null,
      defaultAddress: (c: Customer) => c.address,
      numberOfOrders: (c: Customer) => String(c.orderIds.length),
      amountSpent: (c: Customer) => moneyV2(ordersOf(c).reduce((sum, o) => sum + Number(o.total), 0).toFixed(2)),
      lastOrder: (c: Customer) => ordersOf(c).sort((a, b) => a.processedAt.localeCompare(b.processedAt)).at(-1) ?? null,
      orders: (c: Customer, args: ListArgs) => list(state, ORDERS, args, ordersOf(c)),
    },
    MailingAddress: {
      id: (a: MailingAddressRecord) => GID.address(a.legacyId),
      countryCodeV2: (a: MailingAddressRecord) => a.countryCode,
      name: (a: MailingAddressRecord) => `${a.firstName ?? ''} ${a.lastName ?? ''}`.trim(),
      company: () => null,
      formattedArea: (a: MailingAddressRecord) => `${a.city} ${a.provinceCode}, ${a.country}`,
    },
    Order: {
      id: (o: Order) => GID.order(o.legacyId),
      legacyResourceId: (o: Order) => o.legacyId,
      customer: (o: Order) => (o.customerId ? (state.customers.get(o.customerId) ?? null) : null),
      displayFinancialStatus: () => 'PAID',
      totalPriceSet: (o: Order) => moneyBag(o.total),
      subtotalPriceSet: (o: Order) => moneyBag(o.total),
      subtotalLineItemsQuantity: (o: Order) => o.lineItems.reduce((sum, li) => sum + li.quantity, 0),
      lineItems: (o: Order, args: ConnectionArgs) => lineItemPage(o.lineItems, args),
      customerJourneySummary: (o: Order) => {
        const customer = o.customerId ? state.customers.get(o.customerId) : undefined;
        const index = customer ? customer.orderIds.indexOf(o.legacyId) : -1;
        const visit = o.landingSite
          ? {
              id: GID.visit(o.legacyId),
              landingPage: `https://${state.shopDomain}${o.landingSite}`,
              occurredAt: o.processedAt,
              referrerUrl: o.landingSite.includes('gclid=') ? 'https://www.google.com/' : null,
            }
          : null;
        return { ready: true, customerOrderIndex: index < 0 ? null : index, firstVisit: visit, lastVisit: visit };
      },
    },
    LineItem: {
      id: (li: LineItem) => GID.lineItem(li.legacyId),
      name: (li: LineItem) => li.title,
      originalUnitPriceSet: (li: LineItem) => moneyBag(li.unitPrice),
      originalTotalSet: (li: LineItem) => moneyBag(decimal(Number(li.unitPrice) * li.quantity)),
    },
    AbandonedCheckout: {
      id: (c: Checkout) => GID.checkout(c.legacyId),
      name: (c: Checkout) => `#${c.legacyId}`,
      abandonedCheckoutUrl: (c: Checkout) => recoveryUrl(state, c),
      customer: (c: Checkout) => (c.customerId ? (state.customers.get(c.customerId) ?? null) : null),
      discountCodes: () => [],
      note: () => '',
      taxesIncluded: () => false,
      lineItems: (c: Checkout, args: ConnectionArgs) => lineItemPage(c.lineItems, args),
      subtotalPriceSet: (c: Checkout) => moneyBag(c.total),
      totalPriceSet: (c: Checkout) => moneyBag(c.total),
      defaultCursor: (c: Checkout) => encodeCursor(sortKey(CHECKOUTS.sortValue(state, c, 'ID'), c.legacyId)),
    },
    AbandonedCheckoutLineItem: {
      id: (li: LineItem) => GID.checkoutLineItem(li.legacyId),
      originalUnitPriceSet: (li: LineItem) => moneyBag(li.unitPrice),
      originalTotalPriceSet: (li: LineItem) => moneyBag(decimal(Number(li.unitPrice) * li.quantity)),
    },
  };
}
