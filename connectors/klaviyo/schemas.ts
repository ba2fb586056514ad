/**
 * Klaviyo JSON:API payloads as the connector reads them.
 * @see https://developers.klaviyo.com/en/reference/get_profiles
 */
import { z } from 'zod';

export const KlaviyoProfileSchema = z.object({
  type: z.literal('profile'),
  id: z.string(),
  attributes: z.object({
    email: z.string().nullable(),
    phone_number: z.string().nullable(),
    external_id: z.string().nullable().optional(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    created: z.string(),
    updated: z.string(),
    location: z.object({ timezone: z.string().nullable().optional() }).passthrough().nullable().optional(),
  }),
});
export type KlaviyoProfile = z.infer<typeof KlaviyoProfileSchema>;

export const KlaviyoProfileDocumentSchema = z.object({ data: KlaviyoProfileSchema });

export const KlaviyoProfileListSchema = z.object({
  data: z.array(KlaviyoProfileSchema),
  links: z.object({ next: z.string().nullable().optional() }).optional(),
});
