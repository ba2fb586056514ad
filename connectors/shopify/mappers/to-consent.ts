/**
 * Shopify marketing consent as the hub's consent records and CONSENT_CHANGED events. Every
 * Shopify state is mapped; the state itself, the opt-in level and where SMS consent was collected
 * are kept verbatim as evidence.
 *
 * | Shopify state   | hub status | why |
 * |-----------------|-----------|-----|
 * | SUBSCRIBED      | GRANTED   | the person opted in |
 * | UNSUBSCRIBED    | DENIED    | the person opted out |
 * | REDACTED        | DENIED    | the person's data was erased at their request: never contact |
 * | PENDING         | UNKNOWN   | double opt-in not confirmed yet: not a grant |
 * | NOT_SUBSCRIBED  | UNKNOWN   | never asked; Shopify's default, not a choice |
 * | INVALID         | UNKNOWN   | the address bounces; not the person's choice (evidence says why) |
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/enums/CustomerEmailMarketingState
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/enums/CustomerMarketingOptInLevel
 */
import type { ConsentRecord, ConsentStatus, ConsentTopic } from '../../unified/consent.js';
import type { UnifiedEvent } from '../../unified/event.js';
import { utc, type ConsentFacts } from './facts.js';
import { identitiesOf } from './identities.js';

const STATUS: Record<string, ConsentStatus> = {
  SUBSCRIBED: 'GRANTED',
  UNSUBSCRIBED: 'DENIED',
  REDACTED: 'DENIED',
  PENDING: 'UNKNOWN',
  NOT_SUBSCRIBED: 'UNKNOWN',
  INVALID: 'UNKNOWN',
};

/** Shopify's opt-in levels (M3AAWG) in the hub's method vocabulary; UNKNOWN says nothing. */
const METHOD: Record<string, string> = { SINGLE_OPT_IN: 'SINGLE_OPT_IN', CONFIRMED_OPT_IN: 'DOUBLE_OPT_IN' };

export const consentTopicOf = (channel: ConsentFacts['channel']): ConsentTopic => (channel === 'email' ? 'EMAIL_MARKETING' : 'SMS_MARKETING');
export const consentStatusOf = (state: string): ConsentStatus => STATUS[state.toUpperCase()] ?? 'UNKNOWN';

function occurredAt(facts: ConsentFacts): string {
  return utc(facts.updatedAt ?? facts.since);
}

function identities(facts: ConsentFacts) {
  return identitiesOf(facts.channel === 'email' ? { customerId: facts.customerId, email: facts.address } : { customerId: facts.customerId, phone: facts.address });
}

export function toConsentRecord(facts: ConsentFacts): ConsentRecord {
  const topic = consentTopicOf(facts.channel);
  const at = occurredAt(facts);
  const state = facts.state.toUpperCase();
  const optInLevel = facts.optInLevel?.toUpperCase();
  return {
    id: `shopify:${facts.customerId}:${topic}:${at}`,
    topic,
    status: consentStatusOf(state),
    source: 'shopify',
    occurredAt: at,
    method: optInLevel ? METHOD[optInLevel] : undefined,
    evidence: {
      'shopify.marketingState': state,
      ...(optInLevel ? { 'shopify.marketingOptInLevel': optInLevel } : {}),
      ...(facts.collectedFrom ? { 'shopify.consentCollectedFrom': facts.collectedFrom.toUpperCase() } : {}),
    },
    identities: identities(facts),
  };
}

export function toConsentEvent(facts: ConsentFacts): UnifiedEvent {
  const record = toConsentRecord(facts);
  const channel = facts.channel === 'email' ? 'EMAIL' : 'SMS';
  return {
    id: `${record.id}:event`,
    source: 'shopify',
    channel,
    type: 'CONSENT_CHANGED',
    occurredAt: record.occurredAt,
    identities: record.identities,
    summary: `${channel === 'EMAIL' ? 'Email' : 'SMS'} marketing ${record.evidence['shopify.marketingState']!.toLowerCase().replace('_', ' ')} at Shopify`,
    details: { kind: 'consent', topic: record.topic, status: record.status },
  };
}
