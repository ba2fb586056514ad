/**
 * Meta Graph API payloads as the connector reads them. Insights numbers arrive as strings.
 * @see https://developers.facebook.com/docs/marketing-api/reference/user-lead-gen-info/
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users
 * @see https://developers.facebook.com/docs/marketing-api/insights
 */
import { z } from 'zod';

export const MetaLeadSchema = z.object({
  id: z.string(),
  created_time: z.string(),
  ad_id: z.string().optional(),
  adset_id: z.string().optional(),
  campaign_id: z.string().optional(),
  campaign_name: z.string().optional(),
  form_id: z.string().optional(),
  field_data: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  is_organic: z.boolean().optional(),
  platform: z.string().optional(),
});
export type MetaLead = z.infer<typeof MetaLeadSchema>;

export const MetaLeadFormSchema = z.object({ id: z.string(), name: z.string().optional(), status: z.string().optional() });
export type MetaLeadForm = z.infer<typeof MetaLeadFormSchema>;

export const metaPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    paging: z
      .object({ cursors: z.object({ before: z.string(), after: z.string() }).optional(), next: z.string().optional() })
      .optional(),
  });

export const LEAD_FIELDS = 'id,created_time,ad_id,adset_id,campaign_id,campaign_name,form_id,field_data,is_organic,platform';

export const CreatedObjectSchema = z.object({ id: z.string() });

export const AudienceUploadResponseSchema = z.object({
  audience_id: z.string(),
  session_id: z.string(),
  num_received: z.number().int(),
  num_invalid_entries: z.number().int(),
  invalid_entry_samples: z.record(z.string(), z.string()).optional(),
});
export type AudienceUploadResponse = z.infer<typeof AudienceUploadResponseSchema>;

const numeric = z.string().regex(/^-?\d+(\.\d+)?$/);

export const MetaInsightsRowSchema = z.object({
  account_id: z.string().optional(),
  campaign_id: z.string().optional(),
  campaign_name: z.string().optional(),
  adset_id: z.string().optional(),
  adset_name: z.string().optional(),
  impressions: numeric.optional(),
  reach: numeric.optional(),
  frequency: numeric.optional(),
  spend: numeric.optional(),
  clicks: numeric.optional(),
  account_currency: z.string().optional(),
  actions: z.array(z.object({ action_type: z.string(), value: numeric })).optional(),
  date_start: z.string(),
  date_stop: z.string(),
});
export type MetaInsightsRow = z.infer<typeof MetaInsightsRowSchema>;

export const MetaAdSetSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  campaign_id: z.string().optional(),
  targeting: z
    .object({ custom_audiences: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional() })
    .passthrough()
    .optional(),
});
export type MetaAdSet = z.infer<typeof MetaAdSetSchema>;
