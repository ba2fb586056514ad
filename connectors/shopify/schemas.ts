/**
 * Shopify Admin GraphQL (2026-10) payloads as the connector reads them, parsed with zod at the
 * boundary. The GraphQL selections that produce them live beside them (queries.ts), so a field
 * read is a field parsed.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Order
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/objects/AbandonedCheckout
 */
import { z } from 'zod';

export const EMAIL_MARKETING_STATES = ['NOT_SUBSCRIBED', 'PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED', 'REDACTED', 'INVALID'] as const;
export const SMS_MARKETING_STATES = ['NOT_SUBSCRIBED', 'PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED', 'REDACTED'] as const;
export const OPT_IN_LEVELS = ['SINGLE_OPT_IN', 'CONFIRMED_OPT_IN', 'UNKNOWN'] as const;
export type EmailMarketingState = (typeof EMAIL_MARKETING_STATES)[number];
export type SmsMarketingState = (typeof SMS_MARKETING_STATES)[number];
export type OptInLevel = (typeof OPT_IN_LEVELS)[number];

/** Shopify's `Decimal` is a string ("147.0"); money keeps it as a string, never a float. */
export const MoneySchema = z.object({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string() });
export type ShopifyMoney = z.infer<typeof MoneySchema>;
const MoneyBagSchema = z.object({ shopMoney: MoneySchema });

export const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export type PageInfo = z.infer<typeof PageInfoSchema>;

export const EmailConsentSchema = z.object({
  marketingState: z.enum(EMAIL_MARKETING_STATES),
  marketingOptInLevel: z.enum(OPT_IN_LEVELS).nullable(),
  consentUpdatedAt: z.string().nullable(),
});
export const SmsConsentSchema = z.object({
  marketingState: z.enum(SMS_MARKETING_STATES),
  marketingOptInLevel: z.enum(OPT_IN_LEVELS).nullable(),
  consentUpdatedAt: z.string().nullable(),
  consentCollectedFrom: z.string().nullable(),
});
export type ShopifyEmailConsent = z.infer<typeof EmailConsentSchema>;
export type ShopifySmsConsent = z.infer<typeof SmsConsentSchema>;

export const AddressSchema = z.object({
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  country: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
  zip: z.string().nullable(),
});
export type ShopifyAddress = z.infer<typeof AddressSchema>;

export const ShopifyCustomerSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string(),
  state: z.string(),
  tags: z.array(z.string()),
  numberOfOrders: z.string(),
  amountSpent: MoneySchema,
  defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
  emailMarketingConsent: EmailConsentSchema.nullable(),
  smsMarketingConsent: SmsConsentSchema.nullable(),
  defaultAddress: AddressSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomerSchema>;

export const LineItemSchema = z.object({
  title: z.string(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  originalUnitPriceSet: MoneyBagSchema,
});
export type ShopifyLineItem = z.infer<typeof LineItemSchema>;

/** What a customer view shows of an order. */
export const ShopifyOrderSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  processedAt: z.string(),
  displayFinancialStatus: z.string().nullable(),
  totalPriceSet: MoneyBagSchema,
  subtotalLineItemsQuantity: z.number().int(),
});
export type ShopifyOrderSummary = z.infer<typeof ShopifyOrderSummarySchema>;

/** What a sync maps to an ORDER_PLACED event: who bought, and from which landing page. */
export const ShopifyOrderSchema = ShopifyOrderSummarySchema.extend({
  email: z.string().nullable(),
  updatedAt: z.string(),
  customer: z.object({ id: z.string() }).nullable(),
  customerJourneySummary: z.object({ firstVisit: z.object({ landingPage: z.string().nullable() }).nullable() }).nullable(),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;

export const OrderLineItemsSchema = z.object({
  id: z.string(),
  lineItems: z.object({ nodes: z.array(LineItemSchema), pageInfo: PageInfoSchema }),
});
export type ShopifyOrderLineItems = z.infer<typeof OrderLineItemsSchema>;

export const ShopifyCheckoutSchema = z.object({
  id: z.string(),
  name: z.string(),
  abandonedCheckoutUrl: z.string().url(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  customer: z.object({ id: z.string(), defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable() }).nullable(),
  totalPriceSet: MoneyBagSchema,
  lineItems: z.object({ nodes: z.array(LineItemSchema) }),
});
export type ShopifyCheckout = z.infer<typeof ShopifyCheckoutSchema>;

export const ThrottleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof ThrottleStatusSchema>;

export const GraphQLResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .union([
      z.string(),
      z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() })),
    ])
    .optional(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number(),
          actualQueryCost: z.number().nullable(),
          throttleStatus: ThrottleStatusSchema,
        })
        .optional(),
    })
    .optional(),
});

export const UserErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() }));
export type ShopifyUserError = z.infer<typeof UserErrorsSchema>[number];
