/**
 * Klaviyo JSON:API payloads (revision 2026-07-15) as the connector reads them. Unknown members are
 * kept out (zod strips them); members Klaviyo documents as nullable are nullable here.
 * @see https://developers.klaviyo.com/en/reference/get_profiles
 * @see https://developers.klaviyo.com/en/reference/get_events
 */
import { z } from 'zod';

const nullableString = z.string().nullable().optional();

export const KlaviyoConsentStateSchema = z.enum(['SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED']);
export type KlaviyoConsentState = z.infer<typeof KlaviyoConsentStateSchema>;

export const KlaviyoSuppressionSchema = z.object({ reason: z.string(), timestamp: z.string() });
export const KlaviyoListSuppressionSchema = z.object({ list_id: z.string(), reason: z.string(), timestamp: z.string() });

export const KlaviyoEmailMarketingSchema = z.object({
  can_receive_email_marketing: z.boolean(),
  // Klaviyo documents three states; an unknown one is kept verbatim rather than failing the read.
  consent: z.string(),
  consent_timestamp: nullableString,
  last_updated: nullableString,
  method: nullableString,
  method_detail: nullableString,
  custom_method_detail: nullableString,
  double_optin: z.boolean().nullable().optional(),
  suppression: z.array(KlaviyoSuppressionSchema).nullable().optional(),
  list_suppressions: z.array(KlaviyoListSuppressionSchema).nullable().optional(),
});
export type KlaviyoEmailMarketing = z.infer<typeof KlaviyoEmailMarketingSchema>;

export const KlaviyoSmsMarketingSchema = z.object({
  can_receive_sms_marketing: z.boolean(),
  consent: z.string(),
  consent_timestamp: nullableString,
  last_updated: nullableString,
  method: nullableString,
  method_detail: nullableString,
});
export type KlaviyoSmsMarketing = z.infer<typeof KlaviyoSmsMarketingSchema>;

export const KlaviyoSubscriptionsSchema = z.object({
  email: z.object({ marketing: KlaviyoEmailMarketingSchema.nullable().optional() }).nullable().optional(),
  sms: z.object({ marketing: KlaviyoSmsMarketingSchema.nullable().optional() }).nullable().optional(),
});
export type KlaviyoSubscriptions = z.infer<typeof KlaviyoSubscriptionsSchema>;

const nullableNumber = z.number().nullable().optional();
export const KlaviyoPredictiveAnalyticsSchema = z.object({
  historic_clv: nullableNumber,
  predicted_clv: nullableNumber,
  total_clv: nullableNumber,
  historic_number_of_orders: nullableNumber,
  predicted_number_of_orders: nullableNumber,
  average_days_between_orders: nullableNumber,
  average_order_value: nullableNumber,
  churn_probability: nullableNumber,
  expected_date_of_next_order: nullableString,
  ranked_channel_affinity: z.array(z.string()).nullable().optional(),
});
export type KlaviyoPredictiveAnalytics = z.infer<typeof KlaviyoPredictiveAnalyticsSchema>;

export const KlaviyoProfileSchema = z.object({
  type: z.literal('profile'),
  id: z.string(),
  attributes: z.object({
    email: z.string().nullable(),
    phone_number: z.string().nullable(),
    external_id: nullableString,
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    created: z.string(),
    updated: z.string(),
    last_event_date: nullableString,
    location: z.object({ timezone: nullableString }).nullable().optional(),
    subscriptions: KlaviyoSubscriptionsSchema.nullable().optional(),
    predictive_analytics: KlaviyoPredictiveAnalyticsSchema.nullable().optional(),
  }),
});
export type KlaviyoProfile = z.infer<typeof KlaviyoProfileSchema>;

export const KlaviyoProfileDocumentSchema = z.object({ data: KlaviyoProfileSchema });

const CollectionLinksSchema = z.object({ next: z.string().nullable().optional() }).optional();

export const KlaviyoProfileListSchema = z.object({ data: z.array(KlaviyoProfileSchema), links: CollectionLinksSchema });

export const KlaviyoMetricSchema = z.object({
  type: z.literal('metric'),
  id: z.string(),
  attributes: z.object({
    name: z.string().nullable(),
    integration: z.object({ key: z.string().optional(), name: z.string().optional(), category: z.string().optional() }).passthrough().nullable().optional(),
  }),
});
export type KlaviyoMetric = z.infer<typeof KlaviyoMetricSchema>;
export const KlaviyoMetricListSchema = z.object({ data: z.array(KlaviyoMetricSchema), links: CollectionLinksSchema });

const relationship = (type: string) => z.object({ data: z.object({ type: z.literal(type), id: z.string() }).nullable().optional() }).optional();

export const KlaviyoEventSchema = z.object({
  type: z.literal('event'),
  id: z.string(),
  attributes: z.object({
    timestamp: z.number().nullable().optional(),
    datetime: z.string().nullable().optional(),
    uuid: nullableString,
    event_properties: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
  relationships: z.object({ profile: relationship('profile'), metric: relationship('metric') }).optional(),
});
export type KlaviyoEvent = z.infer<typeof KlaviyoEventSchema>;

/** `included` may hold metrics, profiles and attributions; only the first two are read (see indexIncluded). */
const IncludedSchema = z.array(z.object({ type: z.string(), id: z.string() }).passthrough()).optional();

export const KlaviyoEventListSchema = z.object({ data: z.array(KlaviyoEventSchema), links: CollectionLinksSchema, included: IncludedSchema });
export const KlaviyoEventDocumentSchema = z.object({ data: KlaviyoEventSchema, included: IncludedSchema });

const GroupAttributes = z.object({ name: z.string().nullable(), created: nullableString, updated: nullableString });
export const KlaviyoListSchema = z.object({
  type: z.literal('list'),
  id: z.string(),
  attributes: GroupAttributes.extend({ opt_in_process: nullableString }),
});
export type KlaviyoList = z.infer<typeof KlaviyoListSchema>;
export const KlaviyoListListSchema = z.object({ data: z.array(KlaviyoListSchema), links: CollectionLinksSchema });

export const KlaviyoSegmentSchema = z.object({
  type: z.literal('segment'),
  id: z.string(),
  attributes: GroupAttributes.extend({ is_active: z.boolean().nullable().optional() }),
});
export type KlaviyoSegment = z.infer<typeof KlaviyoSegmentSchema>;
export const KlaviyoSegmentListSchema = z.object({ data: z.array(KlaviyoSegmentSchema), links: CollectionLinksSchema });

/** A Klaviyo event with its metric (from `included`) and, when included, its profile. */
export interface KlaviyoEventRecord {
  event: KlaviyoEvent;
  metric: KlaviyoMetric | undefined;
  profile: KlaviyoProfile | undefined;
}

/**
 * A system webhook delivery: `{data: [{topic, external_id, payload}], meta}`; each payload has the
 * shape of a Get Event response.
 * @see https://developers.klaviyo.com/en/docs/working_with_system_webhooks
 */
export const KlaviyoWebhookBodySchema = z.object({
  data: z
    .array(z.object({ topic: z.string(), external_id: z.string(), payload: KlaviyoEventDocumentSchema }))
    .min(1),
  meta: z.object({ klaviyo_webhook_id: z.string().optional(), klaviyo_account_id: z.string().optional(), timestamp: z.string().optional() }).passthrough(),
});
export type KlaviyoWebhookBody = z.infer<typeof KlaviyoWebhookBodySchema>;

/** Reads `included` into its metrics and profiles by id. */
export function indexIncluded(included: z.infer<typeof IncludedSchema>) {
  const metrics = new Map<string, KlaviyoMetric>();
  const profiles = new Map<string, KlaviyoProfile>();
  for (const resource of included ?? []) {
    const metric = resource.type === 'metric' ? KlaviyoMetricSchema.safeParse(resource) : undefined;
    if (metric?.success) metrics.set(metric.data.id, metric.data);
    const profile = resource.type === 'profile' ? KlaviyoProfileSchema.safeParse(resource) : undefined;
    if (profile?.success) profiles.set(profile.data.id, profile.data);
  }
  return { metrics, profiles };
}

/** Joins each event to its metric and profile from the same document's `included`. */
export function eventRecords(events: readonly KlaviyoEvent[], included: z.infer<typeof IncludedSchema>): KlaviyoEventRecord[] {
  const { metrics, profiles } = indexIncluded(included);
  return events.map((event) => ({
    event,
    metric: metrics.get(event.relationships?.metric?.data?.id ?? ''),
    profile: profiles.get(event.relationships?.profile?.data?.id ?? ''),
  }));
}
