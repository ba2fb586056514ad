import { describe, expect, it } from 'vitest';
import { ConsentRecordSchema } from '../../unified/consent.js';
import { UnifiedEventSchema } from '../../unified/event.js';
import { checkoutTokenOf } from '../gid.js';
import type { ShopifyCheckout, ShopifyCustomer, ShopifyOrder } from '../schemas.js';
import { money } from './facts.js';
import { checkoutFactsFromGraphql, consentFactsFromGraphql, orderFactsFromGraphql } from './from-graphql.js';
import { gclidOf } from './identities.js';
import { toCheckoutAbandonedEvent, toCheckoutStartedEvent, toOrderPlacedEvent } from './to-commerce-events.js';
import { toConsentEvent, toConsentRecord } from './to-consent.js';

const customer = (email: Partial<ShopifyCustomer['emailMarketingConsent']> | null, sms: Partial<ShopifyCustomer['smsMarketingConsent']> | null): ShopifyCustomer => ({
  id: 'gid://shopify/Customer/42',
  firstName: 'Ada',
  lastName: 'Okafor',
  displayName: 'Ada Okafor',
  state: 'ENABLED',
  tags: [],
  numberOfOrders: '0',
  amountSpent: { amount: '0.0', currencyCode: 'USD' },
  defaultEmailAddress: { emailAddress: ' Ada@Example.COM ' },
  defaultPhoneNumber: { phoneNumber: '+14155550100' },
  emailMarketingConsent: email && { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN', consentUpdatedAt: '2026-05-01T10:00:00Z', ...email },
  smsMarketingConsent: sms && { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN', consentUpdatedAt: '2026-05-02T10:00:00Z', consentCollectedFrom: 'SHOPIFY', ...sms },
  defaultAddress: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2026-05-02T10:00:00Z',
});

describe('Shopify consent → ConsentRecord', () => {
  const email = (state: string, level: string | null = 'SINGLE_OPT_IN', at: string | null = '2026-05-01T10:00:00Z') =>
    toConsentRecord(consentFactsFromGraphql(customer({ marketingState: state as never, marketingOptInLevel: level as never, consentUpdatedAt: at }, null))[0]!);

  it('maps every email state', () => {
    const statuses = Object.fromEntries(['SUBSCRIBED', 'UNSUBSCRIBED', 'REDACTED', 'PENDING', 'NOT_SUBSCRIBED', 'INVALID'].map((s) => [s, email(s).status]));
    expect(statuses).toEqual({ SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', REDACTED: 'DENIED', PENDING: 'UNKNOWN', NOT_SUBSCRIBED: 'UNKNOWN', INVALID: 'UNKNOWN' });
  });

  it('maps every SMS state, keeps where it was collected, and uses the phone as identity', () => {
    for (const [state, status] of [['SUBSCRIBED', 'GRANTED'], ['UNSUBSCRIBED', 'DENIED'], ['REDACTED', 'DENIED'], ['PENDING', 'UNKNOWN'], ['NOT_SUBSCRIBED', 'UNKNOWN']]) {
      const record = toConsentRecord(consentFactsFromGraphql(customer(null, { marketingState: state as never }))[0]!);
      expect(record).toMatchObject({ topic: 'SMS_MARKETING', status, evidence: { 'shopify.marketingState': state, 'shopify.consentCollectedFrom': 'SHOPIFY' } });
      expect(record.identities).toEqual([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/42' }, { kind: 'PHONE', value: '+14155550100' }]);
    }
  });

  it('keeps the opt-in level as method: confirmed is double opt-in, unknown says nothing', () => {
    expect(email('SUBSCRIBED', 'CONFIRMED_OPT_IN')).toMatchObject({ method: 'DOUBLE_OPT_IN', evidence: { 'shopify.marketingOptInLevel': 'CONFIRMED_OPT_IN' } });
    expect(email('SUBSCRIBED', 'SINGLE_OPT_IN').method).toBe('SINGLE_OPT_IN');
    expect(email('SUBSCRIBED', 'UNKNOWN').method).toBeUndefined();
  });

  it('dates a state Shopify gives no date for from the customer’s creation, and ids are stable', () => {
    const record = email('NOT_SUBSCRIBED', null, null);
    expect(record.occurredAt).toBe('2025-01-01T00:00:00.000Z');
    expect(record.id).toBe('shopify:gid://shopify/Customer/42:EMAIL_MARKETING:2025-01-01T00:00:00.000Z');
    expect(email('NOT_SUBSCRIBED', null, null).id).toBe(record.id);
    expect(record.identities).toContainEqual({ kind: 'EMAIL', value: 'ada@example.com' });
    ConsentRecordSchema.parse(record);
  });

  it('makes a CONSENT_CHANGED event without any address in its summary', () => {
    const event = toConsentEvent(consentFactsFromGraphql(customer({ marketingState: 'UNSUBSCRIBED' }, null))[0]!);
    expect(UnifiedEventSchema.parse(event)).toMatchObject({ type: 'CONSENT_CHANGED', channel: 'EMAIL', details: { status: 'DENIED' } });
    expect(event.summary).toBe('Email marketing unsubscribed at Shopify');
  });
});

describe('Shopify orders and checkouts → events', () => {
  const order: ShopifyOrder = {
    id: 'gid://shopify/Order/5000000010',
    name: '#1011',
    email: 'ada@example.com',
    createdAt: '2026-06-01T10:00:00Z',
    processedAt: '2026-06-01T10:00:05Z',
    updatedAt: '2026-06-01T10:00:05Z',
    displayFinancialStatus: 'PAID',
    totalPriceSet: { shopMoney: { amount: '84.0', currencyCode: 'USD' } },
    subtotalLineItemsQuantity: 3,
    customer: { id: 'gid://shopify/Customer/42' },
    customerJourneySummary: { firstVisit: { landingPage: 'https://shop.example/?utm_source=google&gclid=Cj0KCQ-abc' } },
  };

  it('ORDER_PLACED: processed time, money with two decimals, the gclid of the landing page', () => {
    const event = UnifiedEventSchema.parse(toOrderPlacedEvent(orderFactsFromGraphql(order)));
    expect(event).toMatchObject({
      id: 'shopify:order:gid://shopify/Order/5000000010',
      occurredAt: '2026-06-01T10:00:05.000Z',
      summary: 'Order #1011 placed: 3 items, 84.00 USD',
      details: { kind: 'order', orderName: '#1011', total: { amount: '84.00', currencyCode: 'USD' }, itemCount: 3 },
    });
    expect(event.identities).toEqual([
      { kind: 'SHOPIFY', value: 'gid://shopify/Customer/42' },
      { kind: 'EMAIL', value: 'ada@example.com' },
      { kind: 'GCLID', value: 'Cj0KCQ-abc' },
    ]);
  });

  const checkout = (completedAt: string | null): ShopifyCheckout => ({
    id: 'gid://shopify/AbandonedCheckout/30000000011',
    name: '#30000000011',
    abandonedCheckoutUrl: 'https://shop.example/63816482951/checkouts/ea47204e2e8973fd/recover?key=k',
    createdAt: '2026-06-01T10:00:00Z',
    updatedAt: '2026-06-01T11:00:00Z',
    completedAt,
    customer: { id: 'gid://shopify/Customer/42', defaultEmailAddress: { emailAddress: 'ada@example.com' } },
    totalPriceSet: { shopMoney: { amount: '64.0', currencyCode: 'USD' } },
    lineItems: { nodes: [{ title: 'Grey hoodie', sku: 'HOOD-GRY-L', quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '64.0', currencyCode: 'USD' } } }] },
  });

  it('CHECKOUT_STARTED and CHECKOUT_ABANDONED share the token webhooks use, and carry the recovery URL while open', () => {
    const facts = checkoutFactsFromGraphql(checkout(null));
    const started = UnifiedEventSchema.parse(toCheckoutStartedEvent(facts));
    const abandoned = UnifiedEventSchema.parse(toCheckoutAbandonedEvent(facts));
    expect(started).toMatchObject({ id: 'shopify:checkout:ea47204e2e8973fd:started', occurredAt: '2026-06-01T10:00:00.000Z' });
    expect(abandoned).toMatchObject({
      id: 'shopify:checkout:ea47204e2e8973fd:abandoned',
      occurredAt: '2026-06-01T11:00:00.000Z',
      details: { kind: 'checkout', checkoutId: 'ea47204e2e8973fd', recoveryUrl: checkout(null).abandonedCheckoutUrl, total: { amount: '64.00' } },
    });
  });

  it('a recovered checkout was abandoned before its completion and needs no recovery link', () => {
    const abandoned = toCheckoutAbandonedEvent(checkoutFactsFromGraphql(checkout('2026-06-02T09:00:00Z')));
    expect(abandoned.occurredAt).toBe('2026-06-01T10:00:00.000Z');
    expect(abandoned.details).not.toHaveProperty('recoveryUrl');
    expect(abandoned.summary).toContain('later recovered');
  });

  it('reads tokens, gclids and money safely', () => {
    expect(checkoutTokenOf('https://checkout.local/548380009/checkouts/ac/123123123/recover?key=x')).toBe('123123123');
    expect(checkoutTokenOf('https://example.com/nothing')).toBeUndefined();
    expect(gclidOf('/?gclid=abc&x=1')).toBe('abc');
    expect(gclidOf('/products/tee')).toBeUndefined();
    expect(gclidOf(null)).toBeUndefined();
    expect(money('147.0', 'USD')).toEqual({ amount: '147.00', currencyCode: 'USD' });
    expect(money('19.999', 'KWD')).toEqual({ amount: '19.999', currencyCode: 'KWD' });
    expect(money('5', 'JPY')).toEqual({ amount: '5.00', currencyCode: 'JPY' });
  });
});
