/**
 * Pushes the hub's decisions to Shopify: email and SMS marketing consent through the consent
 * mutations, erasure through Shopify's customer data erasure request.
 *
 * - GRANTED → SUBSCRIBED, DENIED → UNSUBSCRIBED, stamped with the time of the write: Shopify keeps
 *   the consent record with the latest `consentUpdatedAt`.
 * - UNKNOWN has no Shopify equivalent (NOT_SUBSCRIBED is read-only): nothing is written.
 * - Erasure: `customerRequestDataErasure` enqueues Shopify's own erasure of the customer's personal
 *   data (Shopify then redacts the customer and sends `customers/redact` to every app).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerEmailMarketingConsentUpdate
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerRequestDataErasure
 * @see https://help.shopify.com/manual/privacy-and-security/privacy/processing-customer-data-requests#erase-customer-personal-data
 */
import { VendorError } from '../http/errors.js';
import type { ConsentStatus, ConsentTopic } from '../unified/consent.js';
import type { VendorWriteBack, WriteBackResult, WriteBackSubject } from '../unified/contracts.js';
import type { ShopifyClient } from './client.js';
import { legacyIdOf } from './gid.js';
import type { ShopifyUserError } from './schemas.js';

const TOPICS = ['EMAIL_MARKETING', 'SMS_MARKETING'] as const satisfies readonly ConsentTopic[];
const notHeld = (detail: string): WriteBackResult => ({ vendor: 'shopify', outcome: 'not_held', detail });

/** A user error that means "Shopify holds no such person or channel", as opposed to a bad request. */
function meansNotHeld(error: ShopifyUserError): boolean {
  return error.code === 'DOES_NOT_EXIST' || (error.field?.includes('customerId') ?? false);
}

function rejected(operation: string, errors: ShopifyUserError[]): VendorError {
  return new VendorError(`user errors: ${errors.map((e) => e.code ?? 'unknown').join(', ')}`, {
    vendor: 'shopify',
    operation,
    code: errors.some((e) => e.code === 'INTERNAL_ERROR' || e.code === 'FAILED_TO_REQUEST') ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_REQUEST',
    retryable: errors.some((e) => e.code === 'INTERNAL_ERROR' || e.code === 'FAILED_TO_REQUEST'),
  });
}

export function createShopifyWriteBack(client: ShopifyClient, options: { now?: () => number } = {}): VendorWriteBack {
  const now = options.now ?? Date.now;

  /** The Shopify customer the subject is: by the GID the hub knows, else by email. */
  async function customerIdOf(subject: WriteBackSubject): Promise<string | undefined> {
    const gid = subject.identities.find((i) => i.kind === 'SHOPIFY' && legacyIdOf(i.value, 'Customer'))?.value;
    if (gid) return gid;
    const emails = subject.identities.filter((i) => i.kind === 'EMAIL').map((i) => i.value);
    if (emails.length === 0) return undefined;
    return (await client.getCustomersByEmail(emails))[0]?.id;
  }

  return {
    vendor: 'shopify',
    topics: TOPICS,

    async applyConsent(subject: WriteBackSubject, topic: ConsentTopic, status: ConsentStatus): Promise<WriteBackResult> {
      if (!(TOPICS as readonly ConsentTopic[]).includes(topic)) return notHeld(`Shopify holds no ${topic} consent`);
      if (status === 'UNKNOWN') return notHeld('Shopify cannot be set back to NOT_SUBSCRIBED; nothing written');
      const customerId = await customerIdOf(subject);
      if (!customerId) return notHeld('no Shopify customer for this person');
      const change = { marketingState: status === 'GRANTED' ? ('SUBSCRIBED' as const) : ('UNSUBSCRIBED' as const), consentUpdatedAt: new Date(now()).toISOString() };
      const { userErrors } =
        topic === 'EMAIL_MARKETING' ? await client.updateEmailConsent(customerId, change) : await client.updateSmsConsent(customerId, change);
      if (userErrors.length === 0) return { vendor: 'shopify', outcome: 'applied', detail: `${topic} ${change.marketingState}` };
      // No such customer, or no email/phone to hold the consent: Shopify does not hold this channel.
      if (userErrors.every(meansNotHeld)) return notHeld(userErrors.map((e) => e.message).join('; '));
      throw rejected(topic === 'EMAIL_MARKETING' ? 'consent.email' : 'consent.sms', userErrors);
    },

    async erase(subject: WriteBackSubject): Promise<WriteBackResult> {
      const customerId = await customerIdOf(subject);
      if (!customerId) return notHeld('no Shopify customer for this person');
      const { userErrors } = await client.requestDataErasure(customerId);
      if (userErrors.length === 0) return { vendor: 'shopify', outcome: 'applied', detail: 'customer data erasure requested' };
      if (userErrors.every(meansNotHeld)) return notHeld('Shopify has no such customer');
      throw rejected('customers.requestDataErasure', userErrors);
    },
  };
}
