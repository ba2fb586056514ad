/**
 * Write-back against the sandbox over HTTP: what the hub decides is visible in Shopify afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShopifySandbox, type RunningShopify } from '../../test/support/shopify-sandbox.js';
import type { VendorWriteBack, WriteBackSubject } from '../unified/contracts.js';
import { createShopifyWriteBack } from './write-back.js';

let shop: RunningShopify;
let writeBack: VendorWriteBack;
beforeEach(async () => {
  shop = await startShopifySandbox({ controls: { throttling: false } });
  writeBack = createShopifyWriteBack(shop.client({ retry: { maxAttempts: 1 } }));
});
afterEach(async () => shop?.close());

const subject = (identities: WriteBackSubject['identities']): WriteBackSubject => ({ customerId: 'cus_test', identities });
const stored = (legacyId: string) => shop.sandbox.state.customers.get(legacyId)!;

describe('Shopify write-back', () => {
  it('writes GRANTED as SUBSCRIBED for the customer the hub knows by GID, and Shopify tells every app', async () => {
    const result = await writeBack.applyConsent(subject([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/7000000000001' }]), 'EMAIL_MARKETING', 'GRANTED');
    expect(result).toMatchObject({ vendor: 'shopify', outcome: 'applied' });
    expect(stored('7000000000001').emailConsent).toMatchObject({ state: 'SUBSCRIBED' });
    await shop.sandbox.effects.settled();
    expect(shop.sandbox.webhooks.deliveries().map((d) => d.topic)).toContain('customers_email_marketing_consent/update');
  });

  it('finds the customer by email when the hub has no Shopify id, and writes DENIED as UNSUBSCRIBED', async () => {
    const person = shop.world.people.find((p) => p.shopify && p.shopify.customerId !== '7000000000001')!;
    const result = await writeBack.applyConsent(subject([{ kind: 'EMAIL', value: person.email }]), 'EMAIL_MARKETING', 'DENIED');
    expect(result.outcome).toBe('applied');
    expect(stored(person.shopify!.customerId).emailConsent!.state).toBe('UNSUBSCRIBED');
  });

  it('writes SMS consent for a customer with a phone; a customer without one does not hold the channel', async () => {
    const withPhone = shop.world.people.find((p) => p.shopify?.phone)!;
    const gid = (p: typeof withPhone) => [{ kind: 'SHOPIFY' as const, value: `gid://shopify/Customer/${p.shopify!.customerId}` }];
    expect((await writeBack.applyConsent(subject(gid(withPhone)), 'SMS_MARKETING', 'DENIED')).outcome).toBe('applied');
    expect(stored(withPhone.shopify!.customerId).smsConsent!.state).toBe('UNSUBSCRIBED');
    const noPhone = shop.world.people.find((p) => p.shopify && !p.shopify.phone)!;
    expect(await writeBack.applyConsent(subject(gid(noPhone)), 'SMS_MARKETING', 'GRANTED')).toMatchObject({ outcome: 'not_held' });
    expect(stored(noPhone.shopify!.customerId).smsConsent).toBeNull();
  });

  it('writes nothing for UNKNOWN, for topics Shopify does not hold, or for people it does not know', async () => {
    const before = JSON.stringify(stored('7000000000001'));
    const sam = subject([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/7000000000001' }]);
    expect(await writeBack.applyConsent(sam, 'EMAIL_MARKETING', 'UNKNOWN')).toMatchObject({ outcome: 'not_held' });
    expect(await writeBack.applyConsent(sam, 'AD_PERSONALIZATION', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(await writeBack.applyConsent(subject([{ kind: 'EMAIL', value: 'nobody@nowhere.example' }]), 'EMAIL_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(await writeBack.applyConsent(subject([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/1' }]), 'EMAIL_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(JSON.stringify(stored('7000000000001'))).toBe(before);
  });

  it('erases through Shopify’s data erasure request: the customer is redacted and customers/redact goes out', async () => {
    const result = await writeBack.erase(subject([{ kind: 'EMAIL', value: 'sam.silva1@mail.example' }]));
    expect(result).toMatchObject({ outcome: 'applied' });
    const sam = stored('7000000000001');
    expect(sam).toMatchObject({ email: null, firstName: null, emailConsent: { state: 'REDACTED' } });
    await shop.sandbox.effects.settled();
    expect(shop.sandbox.webhooks.deliveries().map((d) => d.topic)).toContain('customers/redact');
    expect(await writeBack.erase(subject([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/1' }]))).toMatchObject({ outcome: 'not_held' });
  });

  it('throws a retryable error when Shopify is down, so the outbox tries again', async () => {
    shop.sandbox.controls.outage = true;
    await expect(writeBack.applyConsent(subject([{ kind: 'SHOPIFY', value: 'gid://shopify/Customer/7000000000001' }]), 'EMAIL_MARKETING', 'DENIED')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
    });
  });
});
