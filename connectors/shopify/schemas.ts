/**
 * Shopify Admin GraphQL payloads as the connector reads them.
 * @see https://shopify.dev/docs/api/admin-graphql/latest/objects/Customer
 */
import { z } from 'zod';

export const ShopifyCustomerSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string(),
  defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
  tags: z.array(z.string()),
  numberOfOrders: z.string(),
  amountSpent: z.object({ amount: z.string(), currencyCode: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomerSchema>;

export const CUSTOMER_FIELDS = `
  id firstName lastName displayName
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }
  tags numberOfOrders amountSpent { amount currencyCode }
  createdAt updatedAt
`;

export const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const ThrottleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});

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
