/**
 * The unified timeline event: one touchpoint of one person, from any vendor. Connectors map
 * vendor records to these; the profile stores them and serves the timeline.
 */
import { z } from 'zod';
import { IdentitySchema } from './identity.js';

export const CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'PAID_SOCIAL', 'PAID_SEARCH', 'COMMERCE', 'SALES', 'WEB'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const EVENT_TYPES = [
  // messaging (outbound touches count toward frequency)
  'EMAIL_SENT',
  'EMAIL_OPENED',
  'EMAIL_CLICKED',
  'EMAIL_BOUNCED',
  'EMAIL_UNSUBSCRIBED',
  'SMS_SENT',
  'SMS_CLICKED',
  'SMS_UNSUBSCRIBED',
  'PUSH_SENT',
  // commerce
  'ORDER_PLACED',
  'CHECKOUT_STARTED',
  'CHECKOUT_ABANDONED',
  // sales (CRM activity)
  'SALES_EMAIL',
  'SALES_CALL',
  'SALES_NOTE',
  'DEAL_STAGE_CHANGED',
  'LIFECYCLE_STAGE_CHANGED',
  // paid
  'LEAD_SUBMITTED',
  'AD_CLICKED',
  'CONVERSION_UPLOADED',
  'AUDIENCE_JOINED',
  'AUDIENCE_LEFT',
  // profile
  'CONSENT_CHANGED',
  'PROFILE_CREATED',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/** Event types that are outbound marketing touches, counted by frequency policies. */
export const OUTBOUND_TOUCH_TYPES: ReadonlySet<EventType> = new Set(['EMAIL_SENT', 'SMS_SENT', 'PUSH_SENT']);

const Money = z.object({ amount: z.string(), currencyCode: z.string() });

/**
 * Typed details per kind of event. `kind` names the shape; a GraphQL union mirrors it.
 * Values are what the vendor said, normalized (ISO times, money as decimal strings).
 */
export const EventDetailsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    messageId: z.string().optional(),
    campaignId: z.string().optional(),
    campaignName: z.string().optional(),
    subject: z.string().optional(),
    url: z.string().optional(),
  }),
  z.object({
    kind: z.literal('order'),
    orderId: z.string(),
    orderName: z.string().optional(),
    total: Money,
    itemCount: z.number().int(),
    landingSite: z.string().optional(),
  }),
  z.object({
    kind: z.literal('checkout'),
    checkoutId: z.string(),
    total: Money.optional(),
    recoveryUrl: z.string().optional(),
  }),
  z.object({
    kind: z.literal('sales'),
    engagementId: z.string(),
    direction: z.string().optional(),
    subject: z.string().optional(),
    ownerId: z.string().optional(),
    dealId: z.string().optional(),
    stage: z.string().optional(),
  }),
  z.object({
    kind: z.literal('ad'),
    campaignId: z.string().optional(),
    campaignName: z.string().optional(),
    adSetId: z.string().optional(),
    adId: z.string().optional(),
    formId: z.string().optional(),
    leadId: z.string().optional(),
    gclid: z.string().optional(),
    audienceId: z.string().optional(),
    conversionAction: z.string().optional(),
    value: Money.optional(),
  }),
  z.object({
    kind: z.literal('consent'),
    topic: z.string(),
    status: z.string(),
  }),
  z.object({ kind: z.literal('profile'), note: z.string().optional() }),
]);
export type EventDetails = z.infer<typeof EventDetailsSchema>;

export const UnifiedEventSchema = z.object({
  /**
   * Stable across replays and re-syncs: `{source}:{vendor's own event or record id}[:{qualifier}]`.
   * The timeline dedupes on it, so the same touch arriving by webhook and by sync is stored once.
   */
  id: z.string().min(3),
  source: z.enum(['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads', 'hub']),
  channel: ChannelSchema,
  type: EventTypeSchema,
  occurredAt: z.string().datetime({ offset: true }),
  /** Who it happened to: the identifiers the vendor gave, normalized, used to find the customer. */
  identities: z.array(IdentitySchema).min(1),
  /** One line a person can read on a timeline, free of raw PII (no emails or phone numbers). */
  summary: z.string().max(200),
  details: EventDetailsSchema,
});
export type UnifiedEvent = z.infer<typeof UnifiedEventSchema>;
