/**
 * The writes the hub makes at Shopify: marketing consent per channel, and customer data erasure.
 * Business-rule failures come back as `userErrors` inside HTTP 200 answers; they are returned to
 * the caller, who decides what they mean (write-back.ts).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerEmailMarketingConsentUpdate
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerSmsMarketingConsentUpdate
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerRequestDataErasure
 */
import { z } from 'zod';
import type { CallOptions, ShopifyGraphql } from './graphql.js';
import { EMAIL_CONSENT_UPDATE, REQUEST_DATA_ERASURE, SMS_CONSENT_UPDATE } from './queries.js';
import { EmailConsentSchema, SmsConsentSchema, UserErrorsSchema, type OptInLevel, type ShopifyUserError } from './schemas.js';

/** The only states Shopify accepts as input; NOT_SUBSCRIBED, REDACTED and INVALID are read-only. */
export type SettableMarketingState = 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'PENDING';

export interface ConsentChange {
  marketingState: SettableMarketingState;
  marketingOptInLevel?: OptInLevel;
  /** When the person made the choice; Shopify keeps the record with the latest one. */
  consentUpdatedAt: string;
}

const EmailResult = z.object({
  customerEmailMarketingConsentUpdate: z.object({
    customer: z.object({ id: z.string(), emailMarketingConsent: EmailConsentSchema.nullable() }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});
const SmsResult = z.object({
  customerSmsMarketingConsentUpdate: z.object({
    customer: z.object({ id: z.string(), smsMarketingConsent: SmsConsentSchema.nullable() }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});
const ErasureResult = z.object({
  customerRequestDataErasure: z.object({ customerId: z.string().nullable(), userErrors: UserErrorsSchema }),
});

export interface MutationOutcome {
  userErrors: ShopifyUserError[];
}

export function createMutations(graphql: ShopifyGraphql) {
  return {
    async updateEmailConsent(customerId: string, change: ConsentChange, options?: CallOptions): Promise<MutationOutcome> {
      const data = await graphql.request('consent.email', EMAIL_CONSENT_UPDATE, { input: { customerId, emailMarketingConsent: change } }, EmailResult, options);
      return { userErrors: data.customerEmailMarketingConsentUpdate.userErrors };
    },
    async updateSmsConsent(customerId: string, change: ConsentChange, options?: CallOptions): Promise<MutationOutcome> {
      const data = await graphql.request('consent.sms', SMS_CONSENT_UPDATE, { input: { customerId, smsMarketingConsent: change } }, SmsResult, options);
      return { userErrors: data.customerSmsMarketingConsentUpdate.userErrors };
    },
    /** Enqueues Shopify's erasure of the customer's personal data (scope `write_customer_data_erasure`). */
    async requestDataErasure(customerId: string, options?: CallOptions): Promise<MutationOutcome> {
      const data = await graphql.request('customers.requestDataErasure', REQUEST_DATA_ERASURE, { customerId }, ErasureResult, options);
      return { userErrors: data.customerRequestDataErasure.userErrors };
    },
  };
}
