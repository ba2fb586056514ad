/**
 * The consent and erasure mutations, with Shopify's business rules reported as `userErrors`
 * (HTTP 200, data present) rather than GraphQL errors.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerEmailMarketingConsentUpdate
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerSmsMarketingConsentUpdate
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerRequestDataErasure
 */
import { parseGid, type OptInLevel, type ShopifyCustomerRecord, type ShopifyState } from '../state.js';
import type { StoreEffects } from '../store-effects.js';

/** The only states the consent mutations accept; NOT_SUBSCRIBED, REDACTED and INVALID are read-only. */
const SETTABLE_STATES = new Set(['SUBSCRIBED', 'UNSUBSCRIBED', 'PENDING']);

interface ConsentInput {
  marketingState: string;
  marketingOptInLevel?: OptInLevel | null;
  consentUpdatedAt?: string | null;
}

interface UserError {
  field: string[];
  message: string;
  code: string;
}

type Channel = 'email' | 'sms';
const INPUT_FIELD: Record<Channel, string> = { email: 'emailMarketingConsent', sms: 'smsMarketingConsent' };

function consentErrors(
  state: ShopifyState,
  channel: Channel,
  customerId: string,
  consent: ConsentInput,
  now: number,
): { customer?: ShopifyCustomerRecord; errors: UserError[] } {
  const gid = parseGid(customerId);
  const customer = gid?.type === 'Customer' ? state.customers.get(gid.legacyId) : undefined;
  const field = INPUT_FIELD[channel];
  if (!customer) return { errors: [{ field: ['input', 'customerId'], message: 'Customer not found', code: 'INVALID' }] };
  const errors: UserError[] = [];
  if (customer.redactedAt) errors.push({ field: ['input', 'customerId'], message: "Customer's personal data was erased", code: 'INVALID' });
  if (channel === 'email' && !customer.email) {
    errors.push({ field: ['input', 'customerId'], message: 'The customer must have an email address to update their consent', code: 'INVALID' });
  }
  if (channel === 'sms' && !customer.phone) {
    errors.push({ field: ['input', 'customerId'], message: 'The customer must have a phone number to update their consent', code: 'INVALID' });
  }
  if (!SETTABLE_STATES.has(consent.marketingState)) {
    errors.push({
      field: ['input', field, 'marketingState'],
      message: `Marketing state ${consent.marketingState} cannot be set. Accepted values: SUBSCRIBED, UNSUBSCRIBED, and PENDING.`,
      code: 'INCLUSION',
    });
  }
  if (consent.consentUpdatedAt && Date.parse(consent.consentUpdatedAt) > now) {
    errors.push({ field: ['input', field, 'consentUpdatedAt'], message: 'Consent updated at cannot be in the future', code: 'INVALID' });
  }
  return { customer, errors };
}

export function createMutationResolvers(state: ShopifyState, effects: StoreEffects, now: () => number) {
  return {
    customerEmailMarketingConsentUpdate: (
      _: unknown,
      { input }: { input: { customerId: string; emailMarketingConsent: ConsentInput } },
    ) => {
      const consent = input.emailMarketingConsent;
      const { customer, errors } = consentErrors(state, 'email', input.customerId, consent, now());
      if (!customer || errors.length > 0) return { customer: null, userErrors: errors };
      effects.setEmailConsent(customer, {
        state: consent.marketingState as 'SUBSCRIBED',
        optInLevel: consent.marketingOptInLevel ?? customer.emailConsent?.optInLevel ?? 'SINGLE_OPT_IN',
        updatedAt: consent.consentUpdatedAt ?? effects.now(),
      });
      return { customer, userErrors: [] };
    },
    customerSmsMarketingConsentUpdate: (
      _: unknown,
      { input }: { input: { customerId: string; smsMarketingConsent: ConsentInput } },
    ) => {
      const consent = input.smsMarketingConsent;
      const { customer, errors } = consentErrors(state, 'sms', input.customerId, consent, now());
      if (!customer || errors.length > 0) return { customer: null, userErrors: errors };
      effects.setSmsConsent(customer, {
        state: consent.marketingState as 'SUBSCRIBED',
        optInLevel: consent.marketingOptInLevel ?? customer.smsConsent?.optInLevel ?? 'SINGLE_OPT_IN',
        updatedAt: consent.consentUpdatedAt ?? effects.now(),
        // Set through the Admin API by an app: Shopify records the source as OTHER.
        collectedFrom: 'OTHER',
      });
      return { customer, userErrors: [] };
    },
    customerRequestDataErasure: (_: unknown, { customerId }: { customerId: string }) => {
      const gid = parseGid(customerId);
      const customer = gid?.type === 'Customer' ? state.customers.get(gid.legacyId) : undefined;
      if (!customer) {
        return { customerId: null, userErrors: [{ field: ['customerId'], message: 'Customer does not exist', code: 'DOES_NOT_EXIST' }] };
      }
      // Shopify queues the erasure; the sandbox carries it out at once so that tests can see it.
      effects.eraseCustomer(customer);
      return { customerId, userErrors: [] };
    },
  };
}
