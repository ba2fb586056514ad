/**
 * Google Ads REST payloads (proto3 JSON: lowerCamelCase, int64 as strings, enums by name), parsed
 * at the boundary. Rows are typed per query; fields a query did not select are absent.
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/GoogleAdsRow
 */
import { z } from 'zod';

const Int64 = z.string().regex(/^-?\d+$/);

export const FieldPathElementSchema = z.object({ fieldName: z.string(), index: z.number().int().optional() });

export const GoogleAdsErrorSchema = z.object({
  errorCode: z.record(z.string(), z.string()),
  message: z.string().default(''),
  trigger: z.object({ stringValue: z.string().optional() }).optional(),
  location: z.object({ fieldPathElements: z.array(FieldPathElementSchema).default([]) }).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type GoogleAdsErrorEntry = z.infer<typeof GoogleAdsErrorSchema>;

/** A `google.rpc.Status` whose details may hold a GoogleAdsFailure (`partialFailureError`, `error`). */
export const RpcStatusSchema = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  status: z.string().optional(),
  details: z.array(z.object({ '@type': z.string().optional(), errors: z.array(GoogleAdsErrorSchema).optional() }).loose()).optional(),
});
export type RpcStatus = z.infer<typeof RpcStatusSchema>;

export const SearchResponseSchema = z.object({
  results: z.array(z.record(z.string(), z.unknown())).optional(),
  nextPageToken: z.string().optional(),
  fieldMask: z.string().optional(),
  totalResultsCount: Int64.optional(),
});

export const SearchStreamResponseSchema = z.array(
  z.object({ results: z.array(z.record(z.string(), z.unknown())).optional(), fieldMask: z.string().optional() }),
);

export const CampaignMetricsRowSchema = z.object({
  campaign: z.object({ id: Int64, name: z.string().optional(), advertisingChannelType: z.string().optional() }),
  metrics: z
    .object({
      impressions: Int64.optional(),
      clicks: Int64.optional(),
      costMicros: Int64.optional(),
      conversions: z.number().optional(),
      uniqueUsers: Int64.optional(),
      averageImpressionFrequencyPerUser: z.number().optional(),
    })
    .default({}),
});
export type CampaignMetricsRow = z.infer<typeof CampaignMetricsRowSchema>;

export const ClickRowSchema = z.object({
  clickView: z.object({ gclid: z.string(), resourceName: z.string() }),
  campaign: z.object({ id: Int64, name: z.string().optional() }),
  adGroup: z.object({ id: Int64 }).optional(),
  segments: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
});
export type GoogleAdsClickRow = z.infer<typeof ClickRowSchema>;

export const UserListRowSchema = z.object({
  userList: z.object({
    resourceName: z.string(),
    id: Int64,
    name: z.string(),
    description: z.string().optional(),
    type: z.string().optional(),
    membershipStatus: z.string().optional(),
    membershipLifeSpan: Int64.optional(),
    sizeForDisplay: Int64.optional(),
    sizeForSearch: Int64.optional(),
    matchRatePercentage: z.number().optional(),
  }),
});
export type UserListRow = z.infer<typeof UserListRowSchema>['userList'];

export const JobRowSchema = z.object({
  offlineUserDataJob: z.object({
    resourceName: z.string(),
    status: z.enum(['UNSPECIFIED', 'UNKNOWN', 'PENDING', 'RUNNING', 'SUCCESS', 'FAILED']),
    failureReason: z.string().optional(),
    operationMetadata: z.object({ matchRateRange: z.string().optional() }).optional(),
  }),
});
export type JobRow = z.infer<typeof JobRowSchema>['offlineUserDataJob'];

export const CampaignCriterionRowSchema = z.object({
  campaign: z.object({ id: Int64 }),
  campaignCriterion: z.object({ userList: z.object({ userList: z.string() }).optional() }),
});

export const ResourceNameSchema = z.object({ resourceName: z.string() });

export const MutateResponseSchema = z.object({
  results: z.array(z.object({ resourceName: z.string().optional() })).default([]),
  partialFailureError: RpcStatusSchema.optional(),
});

export const AddOperationsResponseSchema = z.object({ partialFailureError: RpcStatusSchema.optional(), warning: RpcStatusSchema.optional() });

export const OperationSchema = z.object({ name: z.string(), done: z.boolean().optional(), metadata: z.record(z.string(), z.unknown()).optional() });

export const UploadClickConversionsResponseSchema = z.object({
  results: z.array(z.object({ gclid: z.string().optional(), conversionAction: z.string().optional(), conversionDateTime: z.string().optional() })).default([]),
  partialFailureError: RpcStatusSchema.optional(),
  jobId: Int64.optional(),
});
