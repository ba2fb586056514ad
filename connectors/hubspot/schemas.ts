/**
 * HubSpot payloads as the connector reads them (zod: parsed at the boundary). Field names follow
 * HubSpot's public OpenAPI specs (HubSpot/HubSpot-public-api-spec-collection).
 * @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/guide (SimplePublicObject)
 */
import { z } from 'zod';

/** The CRM object types the hub reads. */
export const HUBSPOT_OBJECT_TYPES = ['contacts', 'deals', 'emails', 'calls', 'notes'] as const;
export type HubSpotObjectType = (typeof HUBSPOT_OBJECT_TYPES)[number];
export type HubSpotEngagementType = Extract<HubSpotObjectType, 'emails' | 'calls' | 'notes'>;
export const ENGAGEMENT_TYPES: readonly HubSpotEngagementType[] = ['emails', 'calls', 'notes'];

/** Object type ids as the generic `object.*` webhooks name them. */
export const OBJECT_TYPE_IDS: Record<HubSpotObjectType, string> = { contacts: '0-1', deals: '0-3', emails: '0-49', calls: '0-48', notes: '0-46' };

export const ValueWithTimestampSchema = z.object({
  value: z.string(),
  timestamp: z.string(),
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
});
export type ValueWithTimestamp = z.infer<typeof ValueWithTimestampSchema>;

export const HubSpotObjectSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z.record(z.string(), z.array(ValueWithTimestampSchema)).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
});
export type HubSpotObject = z.infer<typeof HubSpotObjectSchema>;
/** A contact is a CRM object; the name says which properties to expect. */
export type HubSpotContact = HubSpotObject;

export const HubSpotPagingSchema = z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() });

export const HubSpotObjectListSchema = z.object({ results: z.array(HubSpotObjectSchema), paging: HubSpotPagingSchema.optional() });

/** Batch answers: 200, or 207 with `errors` for the inputs HubSpot could not read. */
export const HubSpotBatchReadSchema = z.object({
  status: z.string(),
  results: z.array(HubSpotObjectSchema),
  numErrors: z.number().optional(),
});

export const HubSpotSearchSchema = z.object({
  total: z.number(),
  results: z.array(HubSpotObjectSchema),
  paging: HubSpotPagingSchema.optional(),
});

/** v4 association answers carry object ids as numbers. */
const ObjectId = z.union([z.number(), z.string()]).transform(String);

export const AssociationBatchSchema = z.object({
  status: z.string(),
  results: z.array(
    z.object({
      from: z.object({ id: ObjectId }),
      to: z.array(z.object({ toObjectId: ObjectId, associationTypes: z.array(z.object({ typeId: z.number(), category: z.string() })).optional() })),
      paging: HubSpotPagingSchema.optional(),
    }),
  ),
  numErrors: z.number().optional(),
});

export const AssociationListSchema = z.object({
  results: z.array(z.object({ toObjectId: ObjectId })),
  paging: HubSpotPagingSchema.optional(),
});

export const SubscriptionDefinitionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  description: z.string().optional(),
  purpose: z.string().optional(),
  communicationMethod: z.string().optional(),
  isActive: z.boolean(),
  isDefault: z.boolean().optional(),
  isInternal: z.boolean().optional(),
});
export type SubscriptionDefinition = z.infer<typeof SubscriptionDefinitionSchema>;
export const SubscriptionDefinitionsSchema = z.object({ subscriptionDefinitions: z.array(SubscriptionDefinitionSchema) });

/** The legal bases HubSpot records with a status. */
export const LEGAL_BASES = [
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'PERFORMANCE_OF_CONTRACT',
  'CONSENT_WITH_NOTICE',
  'NON_GDPR',
  'PROCESS_AND_STORE',
  'LEGITIMATE_INTEREST_OTHER',
] as const;
export type HubSpotLegalBasis = (typeof LEGAL_BASES)[number];

/** v4 `PublicStatus`. @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/guide */
export const PublicStatusSchema = z.object({
  subscriberIdString: z.string(),
  subscriptionId: ObjectId,
  subscriptionName: z.string().optional(),
  channel: z.string(),
  status: z.enum(['SUBSCRIBED', 'UNSUBSCRIBED', 'NOT_SPECIFIED']),
  source: z.string().optional(),
  timestamp: z.string(),
  legalBasis: z.string().optional(),
  legalBasisExplanation: z.string().optional(),
  setStatusSuccessReason: z.string().optional(),
});
export type PublicStatus = z.infer<typeof PublicStatusSchema>;

export const StatusesSchema = z.object({ status: z.string(), results: z.array(PublicStatusSchema) });
export const StatusesBatchSchema = z.object({
  status: z.string(),
  results: z.array(z.object({ subscriberIdString: z.string(), statuses: z.array(PublicStatusSchema) })),
});

export const OwnerSchema = z.object({
  id: z.string(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().optional(),
  archived: z.boolean().optional(),
});
export type HubSpotOwner = z.infer<typeof OwnerSchema>;
export const OwnerListSchema = z.object({ results: z.array(OwnerSchema), paging: HubSpotPagingSchema.optional() });

export const AccountDetailsSchema = z.object({ portalId: z.number(), uiDomain: z.string(), timeZone: z.string().optional() });
export type HubSpotAccountDetails = z.infer<typeof AccountDetailsSchema>;

/**
 * One event of a webhook delivery (a delivery is a JSON array of them).
 * @see https://developers.hubspot.com/docs/api/webhooks#webhook-payloads
 */
export const WebhookEventSchema = z.object({
  eventId: z.number(),
  subscriptionId: z.number(),
  portalId: z.number(),
  appId: z.number().optional(),
  occurredAt: z.number(),
  subscriptionType: z.string(),
  attemptNumber: z.number().optional(),
  /** Absent on association changes, which name both ends instead. */
  objectId: z.number().optional(),
  fromObjectId: z.number().optional(),
  toObjectId: z.number().optional(),
  associationType: z.string().optional(),
  primaryObjectId: z.number().optional(),
  mergedObjectIds: z.array(z.number()).optional(),
  objectTypeId: z.string().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.string().optional(),
  changeFlag: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
});
export type HubSpotWebhookEvent = z.infer<typeof WebhookEventSchema>;
export const WebhookDeliverySchema = z.array(WebhookEventSchema).min(1);

/** HubSpot's error body, 429s included (`policyName`). */
export const ErrorBodySchema = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
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

export const DEAL_PROPERTIES = ['dealname', 'amount', 'deal_currency_code', 'dealstage', 'pipeline', 'closedate', 'hubspot_owner_id', 'hs_is_closed', 'hs_is_closed_won', 'createdate', 'hs_lastmodifieddate'] as const;

const ENGAGEMENT_COMMON = ['hs_timestamp', 'hubspot_owner_id', 'hs_createdate', 'hs_lastmodifieddate'] as const;
/** Engagement properties the hub reads: never the bodies (1:1 email text is raw PII). */
export const ENGAGEMENT_PROPERTIES: Record<HubSpotEngagementType, readonly string[]> = {
  emails: [...ENGAGEMENT_COMMON, 'hs_email_direction', 'hs_email_status', 'hs_email_subject'],
  calls: [...ENGAGEMENT_COMMON, 'hs_call_title', 'hs_call_direction', 'hs_call_disposition', 'hs_call_duration', 'hs_call_status'],
  notes: [...ENGAGEMENT_COMMON],
};

/** The "last modified" property search filters on: contacts keep their historic name. */
export const LAST_MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = {
  contacts: 'lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  emails: 'hs_lastmodifieddate',
  calls: 'hs_lastmodifieddate',
  notes: 'hs_lastmodifieddate',
};
