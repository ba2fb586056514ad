import { describe, expect, it } from 'vitest';
import { createTestShopify, type Json } from './testing.js';

const EMAIL_UPDATE = `mutation($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) {
    customer { id emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } defaultEmailAddress { marketingState } }
    userErrors { field message code }
  }
}`;
const SMS_UPDATE = `mutation($input: CustomerSmsMarketingConsentUpdateInput!) {
  customerSmsMarketingConsentUpdate(input: $input) {
    customer { id smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom } defaultPhoneNumber { smsMarketingConsent { marketingState } } }
    userErrors { field message code }
  }
}`;
const READ = `query($id: ID!) { customer(id: $id) {
  emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
  smsMarketingConsent { marketingState }
} }`;

function setup() {
  const shop = createTestShopify();
  const shoppers = shop.world.people.filter((p) => p.shopify);
  const gidOf = (p: (typeof shoppers)[number]) => `gid://shopify/Customer/${p.shopify!.customerId}`;
  return { ...shop, shoppers, gidOf };
}

describe('Shopify sandbox: consent mutations', () => {
  it('accepts SUBSCRIBED, UNSUBSCRIBED and PENDING and shows them on the customer afterwards', async () => {
    const { gql, shoppers, gidOf } = setup();
    const id = gidOf(shoppers[0]!);
    let at = Date.parse('2026-11-02T10:00:00Z');
    for (const state of ['PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED']) {
      const consentUpdatedAt = new Date((at += 60_000)).toISOString();
      const { body } = await gql(EMAIL_UPDATE, {
        input: { customerId: id, emailMarketingConsent: { marketingState: state, marketingOptInLevel: 'CONFIRMED_OPT_IN', consentUpdatedAt } },
      });
      expect(body.data.customerEmailMarketingConsentUpdate.userErrors).toEqual([]);
      const read = await gql(READ, { id });
      expect(read.body.data.customer.emailMarketingConsent).toEqual({
        marketingState: state,
        marketingOptInLevel: 'CONFIRMED_OPT_IN',
        consentUpdatedAt: consentUpdatedAt.replace('.000Z', 'Z'),
      });
    }
  });

  it('rejects NOT_SUBSCRIBED, REDACTED and INVALID as input with an INCLUSION user error, changing nothing', async () => {
    const { gql, shoppers, gidOf, sandbox } = setup();
    const id = gidOf(shoppers[0]!);
    const before = (await gql(READ, { id })).body.data.customer;
    for (const state of ['NOT_SUBSCRIBED', 'REDACTED', 'INVALID']) {
      const { status, body } = await gql(EMAIL_UPDATE, { input: { customerId: id, emailMarketingConsent: { marketingState: state } } });
      expect(status).toBe(200);
      expect(body.data.customerEmailMarketingConsentUpdate).toEqual({
        customer: null,
        userErrors: [{ field: ['input', 'emailMarketingConsent', 'marketingState'], message: expect.stringContaining(state), code: 'INCLUSION' }],
      });
    }
    const sms = await gql(SMS_UPDATE, { input: { customerId: id, smsMarketingConsent: { marketingState: 'REDACTED' } } });
    expect(sms.body.data.customerSmsMarketingConsentUpdate.userErrors[0]).toMatchObject({ code: expect.any(String) });
    expect((await gql(READ, { id })).body.data.customer).toEqual(before);
    expect(sandbox.webhooks.deliveries()).toHaveLength(0);
  });

  it('reports unknown customers, missing phone numbers and future dates as user errors', async () => {
    const { gql, shoppers, gidOf } = setup();
    const unknown = await gql(EMAIL_UPDATE, { input: { customerId: 'gid://shopify/Customer/1', emailMarketingConsent: { marketingState: 'SUBSCRIBED' } } });
    expect(unknown.body.data.customerEmailMarketingConsentUpdate.userErrors).toEqual([
      { field: ['input', 'customerId'], message: 'Customer not found', code: 'INVALID' },
    ]);
    const noPhone = shoppers.find((p) => !p.shopify!.phone)!;
    const sms = await gql(SMS_UPDATE, { input: { customerId: gidOf(noPhone), smsMarketingConsent: { marketingState: 'SUBSCRIBED' } } });
    expect(sms.body.data.customerSmsMarketingConsentUpdate.userErrors[0]).toMatchObject({ field: ['input', 'customerId'], code: 'INVALID' });
    const future = await gql(EMAIL_UPDATE, {
      input: { customerId: gidOf(shoppers[0]!), emailMarketingConsent: { marketingState: 'SUBSCRIBED', consentUpdatedAt: '2999-01-01T00:00:00Z' } },
    });
    expect(future.body.data.customerEmailMarketingConsentUpdate.userErrors[0]).toMatchObject({
      field: ['input', 'emailMarketingConsent', 'consentUpdatedAt'],
      code: 'INVALID',
    });
  });

  it('keeps the record with the latest consentUpdatedAt: an older statement changes nothing', async () => {
    const { gql, shoppers, gidOf } = setup();
    const id = gidOf(shoppers[0]!);
    await gql(EMAIL_UPDATE, { input: { customerId: id, emailMarketingConsent: { marketingState: 'UNSUBSCRIBED', consentUpdatedAt: '2026-11-10T00:00:00Z' } } });
    const stale = await gql(EMAIL_UPDATE, { input: { customerId: id, emailMarketingConsent: { marketingState: 'SUBSCRIBED', consentUpdatedAt: '2026-11-09T00:00:00Z' } } });
    expect(stale.body.data.customerEmailMarketingConsentUpdate.userErrors).toEqual([]);
    expect((await gql(READ, { id })).body.data.customer.emailMarketingConsent.marketingState).toBe('UNSUBSCRIBED');
  });

  it('updates SMS consent for a customer with a phone, recorded as collected by OTHER (an app)', async () => {
    const { gql, shoppers, gidOf } = setup();
    const withPhone = shoppers.find((p) => p.shopify!.phone)!;
    const { body } = await gql(SMS_UPDATE, {
      input: { customerId: gidOf(withPhone), smsMarketingConsent: { marketingState: 'UNSUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' } },
    });
    const result = body.data.customerSmsMarketingConsentUpdate;
    expect(result.userErrors).toEqual([]);
    expect(result.customer.smsMarketingConsent).toMatchObject({ marketingState: 'UNSUBSCRIBED', consentCollectedFrom: 'OTHER' });
    expect(result.customer.defaultPhoneNumber.smsMarketingConsent.marketingState).toBe('UNSUBSCRIBED');
  });

  it('sends the consent topic with the 2025-01 payload, then customers/update without any consent field', async () => {
    const { gql, shoppers, gidOf, sandbox } = setup();
    const person = shoppers.find((p) => p.shopify!.phone)!;
    await gql(EMAIL_UPDATE, { input: { customerId: gidOf(person), emailMarketingConsent: { marketingState: 'UNSUBSCRIBED', consentUpdatedAt: '2026-11-20T08:00:00Z' } } });
    await gql(SMS_UPDATE, { input: { customerId: gidOf(person), smsMarketingConsent: { marketingState: 'SUBSCRIBED', consentUpdatedAt: '2026-11-20T09:00:00Z' } } });
    await sandbox.effects.settled();
    const deliveries = sandbox.webhooks.deliveries();
    expect(deliveries.map((d) => d.topic)).toEqual([
      'customers_email_marketing_consent/update',
      'customers/update',
      'customers_marketing_consent/update',
      'customers/update',
    ]);
    const [email, update, sms] = deliveries.map((d) => JSON.parse(d.body) as Json);
    expect(email).toEqual({
      customer_id: Number(person.shopify!.customerId),
      email_address: person.shopify!.email.trim(),
      email_marketing_consent: { state: 'unsubscribed', opt_in_level: expect.any(String), consent_updated_at: '2026-11-20T08:00:00+00:00' },
    });
    expect(sms).toEqual({
      id: Number(person.shopify!.customerId),
      phone: person.shopify!.phone,
      sms_marketing_consent: { state: 'subscribed', opt_in_level: expect.any(String), consent_updated_at: '2026-11-20T09:00:00+00:00', consent_collected_from: 'other' },
    });
    for (const removed of ['tags', 'email_marketing_consent', 'sms_marketing_consent']) expect(update).not.toHaveProperty(removed);
    expect(deliveries[0]!.headers['X-Shopify-Event-Id']).toBe(deliveries[1]!.headers['X-Shopify-Event-Id']);
    expect(deliveries[0]!.headers['X-Shopify-Event-Id']).not.toBe(deliveries[2]!.headers['X-Shopify-Event-Id']);
  });
});
