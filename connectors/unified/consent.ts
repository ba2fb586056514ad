/**
 * The unified consent record: one statement, by one source at one time, that a person granted
 * or denied one purpose. The profile keeps them in an append-only ledger and derives the current
 * state (latest wins; on a tie DENIED wins).
 */
import { z } from 'zod';
import { IdentitySchema } from './identity.js';

export const CONSENT_TOPICS = ['EMAIL_MARKETING', 'SMS_MARKETING', 'AD_PERSONALIZATION', 'AD_USER_DATA'] as const;
export const ConsentTopicSchema = z.enum(CONSENT_TOPICS);
export type ConsentTopic = z.infer<typeof ConsentTopicSchema>;

export const CONSENT_STATUSES = ['GRANTED', 'DENIED', 'UNKNOWN'] as const;
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES);
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

export const ConsentRecordSchema = z.object({
  /** Stable for dedupe: `{source}:{record id}:{topic}:{vendor timestamp}`. */
  id: z.string().min(3),
  topic: ConsentTopicSchema,
  status: ConsentStatusSchema,
  source: z.enum(['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads', 'hub']),
  /** When the person made the choice, as the source recorded it. */
  occurredAt: z.string().datetime({ offset: true }),
  /** How it was collected: `DOUBLE_OPT_IN`, `SINGLE_OPT_IN`, `PREFERENCE_PAGE`, `CHECKOUT`, `API`, `UNSUBSCRIBE_LINK`, ... */
  method: z.string().optional(),
  /** GDPR legal basis where the source records one (HubSpot's `CONSENT_WITH_NOTICE`, ...). */
  legalBasis: z.string().optional(),
  /** The source's own words for the state, kept verbatim as evidence (`{ "shopify.marketingState": "PENDING" }`). */
  evidence: z.record(z.string(), z.string()).default({}),
  identities: z.array(IdentitySchema).min(1),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
