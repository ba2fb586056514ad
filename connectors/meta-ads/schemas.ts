/**
 * Meta Graph API payloads as the connector reads them.
 * @see https://developers.facebook.com/docs/marketing-api/reference/user-lead-gen-info/
 */
import { z } from 'zod';

export const MetaLeadSchema = z.object({
  id: z.string(),
  created_time: z.string(),
  ad_id: z.string().optional(),
  adset_id: z.string().optional(),
  campaign_id: z.string().optional(),
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

export const LEAD_FIELDS = 'id,created_time,ad_id,adset_id,campaign_id,form_id,field_data,is_organic,platform';
