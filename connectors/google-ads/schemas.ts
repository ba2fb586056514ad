/**
 * Google Ads REST payloads (proto3 JSON: lowerCamelCase, int64 as strings).
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.googleAds/search
 */
import { z } from 'zod';

export const SearchResponseSchema = z.object({
  results: z.array(z.record(z.string(), z.unknown())).optional(),
  nextPageToken: z.string().optional(),
  fieldMask: z.string().optional(),
});

export const ClickRowSchema = z.object({
  clickView: z.object({ gclid: z.string(), resourceName: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string().optional() }),
  adGroup: z.object({ id: z.string() }).optional(),
  segments: z.object({ date: z.string() }),
});
export type GoogleAdsClickRow = z.infer<typeof ClickRowSchema>;
