/**
 * HubSpot payloads as the connector reads them (zod: parsed at the boundary).
 * @see https://developers.hubspot.com/docs/api/crm/contacts (SimplePublicObject)
 */
import { z } from 'zod';

export const HubSpotContactSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
});
export type HubSpotContact = z.infer<typeof HubSpotContactSchema>;

export const HubSpotPagingSchema = z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() });

export const HubSpotContactListSchema = z.object({
  results: z.array(HubSpotContactSchema),
  paging: HubSpotPagingSchema.optional(),
});

export const HubSpotBatchReadSchema = z.object({
  status: z.string(),
  results: z.array(HubSpotContactSchema),
  numErrors: z.number().optional(),
});

/** The contact properties the hub reads. */
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'lifecyclestage',
  'hs_lead_status',
  'hubspot_owner_id',
  'hs_google_click_id',
  'createdate',
  'lastmodifieddate',
] as const;
