/**
 * HubSpot records as timeline events: 1:1 sales emails, calls and notes (SALES_*), lifecycle
 * stage changes, deal stage changes and unsubscribes. Ids are stable across webhooks, syncs and
 * replays (`hubspot:{object}:{id}...:contact:{contactId}`), so the timeline stores each touch once.
 * Summaries name what happened, never who (no emails, names or message bodies).
 */
import type { UnifiedEvent } from '../../unified/event.js';
import type { HubSpotEngagementType, HubSpotObject } from '../schemas.js';
import { epochMs, toIso } from './time.js';

const contactIdentity = (contactId: string) => [{ kind: 'HUBSPOT' as const, value: contactId }];

/** HubSpot's default call outcomes; custom dispositions read as "other outcome". */
const CALL_OUTCOMES: Record<string, string> = {
  'f240bbac-87c9-4f6e-bf70-924b57d47db7': 'connected',
  '73a0d17f-1163-4015-bdd5-ec830791da20': 'no answer',
  'b2cf5968-551e-4856-9783-52b3da59a7d0': 'left voicemail',
  '9d9162e7-6cf3-4944-bf63-4dff82258764': 'busy',
  '17b47fee-58de-441e-a44c-c6300d46f273': 'wrong number',
  'a4c4c377-d246-4b32-a13b-75a56a4cd0ff': 'left live message',
};

const DEAL_STAGE_LABELS: Record<string, string> = {
  appointmentscheduled: 'Appointment scheduled',
  qualifiedtobuy: 'Qualified to buy',
  presentationscheduled: 'Presentation scheduled',
  decisionmakerboughtin: 'Decision maker bought-in',
  contractsent: 'Contract sent',
  closedwon: 'Closed won',
  closedlost: 'Closed lost',
};

const SINGULAR: Record<HubSpotEngagementType, string> = { emails: 'email', calls: 'call', notes: 'note' };

/** One event per associated contact; none when HubSpot gives no timestamp or no contact. */
export function engagementToEvents(type: HubSpotEngagementType, record: HubSpotObject, contactIds: readonly string[]): UnifiedEvent[] {
  const p = record.properties;
  const occurredAt = toIso(p.hs_timestamp) ?? toIso(record.createdAt);
  if (!occurredAt) return [];
  const ownerId = p.hubspot_owner_id ?? undefined;
  const base = { engagementId: record.id, ...(ownerId ? { ownerId } : {}) };
  let shape: Pick<UnifiedEvent, 'type' | 'summary' | 'details'>;
  switch (type) {
    case 'emails': {
      const incoming = p.hs_email_direction === 'INCOMING_EMAIL';
      const bounced = p.hs_email_status === 'BOUNCED' || p.hs_email_status === 'FAILED';
      shape = {
        type: 'SALES_EMAIL',
        summary: `${incoming ? 'Sales email received' : 'Sales email sent'}${bounced ? ' (not delivered)' : ''}`,
        details: { kind: 'sales', ...base, direction: incoming ? 'INBOUND' : 'OUTBOUND', ...(p.hs_email_subject ? { subject: p.hs_email_subject } : {}) },
      };
      break;
    }
    case 'calls': {
      const inbound = p.hs_call_direction === 'INBOUND';
      const outcome = p.hs_call_disposition ? (CALL_OUTCOMES[p.hs_call_disposition] ?? 'other outcome') : undefined;
      const minutes = p.hs_call_duration ? Math.round(Number(p.hs_call_duration) / 60_000) : undefined;
      const parts = [inbound ? 'Inbound sales call' : 'Outbound sales call', outcome, minutes ? `${minutes} min` : undefined].filter(Boolean);
      shape = {
        type: 'SALES_CALL',
        summary: parts.join(', '),
        details: { kind: 'sales', ...base, direction: inbound ? 'INBOUND' : 'OUTBOUND', ...(p.hs_call_title ? { subject: p.hs_call_title } : {}) },
      };
      break;
    }
    case 'notes':
      shape = { type: 'SALES_NOTE', summary: 'Note added by the sales team', details: { kind: 'sales', ...base } };
      break;
  }
  return contactIds.map((contactId) => ({
    id: `hubspot:${SINGULAR[type]}:${record.id}:contact:${contactId}`,
    source: 'hubspot',
    channel: 'SALES',
    occurredAt,
    identities: contactIdentity(contactId),
    ...shape,
  }));
}

export function lifecycleStageEvent(contactId: string, stage: string, at: string): UnifiedEvent {
  const occurredAt = toIso(at)!;
  return {
    id: `hubspot:contact:${contactId}:lifecyclestage:${epochMs(occurredAt)}`,
    source: 'hubspot',
    channel: 'SALES',
    type: 'LIFECYCLE_STAGE_CHANGED',
    occurredAt,
    identities: contactIdentity(contactId),
    summary: `Lifecycle stage set to ${stage}`,
    details: { kind: 'sales', engagementId: contactId, stage },
  };
}

/**
 * The contact's creation, at its `createdate`: webhooks (contact.creation) and syncs emit the
 * same event, so a person first met by either path gets the same timeline. Falls back to `at`
 * (the webhook's time) when the contact carries no createdate.
 */
export function contactCreatedEvent(contact: HubSpotObject, at?: string): UnifiedEvent | undefined {
  const occurredAt = toIso(contact.properties.createdate) ?? toIso(at);
  if (!occurredAt) return undefined;
  return {
    id: `hubspot:contact:${contact.id}:created`,
    source: 'hubspot',
    channel: 'SALES',
    type: 'PROFILE_CREATED',
    occurredAt,
    identities: contactIdentity(contact.id),
    summary: 'Contact created in HubSpot',
    details: { kind: 'profile' },
  };
}

/** Every lifecycle stage the contact passed through (needs `propertiesWithHistory=lifecyclestage`). */
export function lifecycleHistoryEvents(contact: HubSpotObject): UnifiedEvent[] {
  return (contact.propertiesWithHistory?.lifecyclestage ?? []).filter((h) => h.value).map((h) => lifecycleStageEvent(contact.id, h.value, h.timestamp));
}

export function dealStageEvents(dealId: string, stage: string, at: string, contactIds: readonly string[]): UnifiedEvent[] {
  const occurredAt = toIso(at)!;
  return contactIds.map((contactId) => ({
    id: `hubspot:deal:${dealId}:dealstage:${epochMs(occurredAt)}:contact:${contactId}`,
    source: 'hubspot',
    channel: 'SALES',
    type: 'DEAL_STAGE_CHANGED',
    occurredAt,
    identities: contactIdentity(contactId),
    summary: `Deal moved to ${DEAL_STAGE_LABELS[stage] ?? stage}`,
    details: { kind: 'sales', engagementId: dealId, dealId, stage },
  }));
}

/** Every stage the deal passed through (needs `propertiesWithHistory=dealstage`), for each contact on it. */
export function dealHistoryEvents(deal: HubSpotObject, contactIds: readonly string[]): UnifiedEvent[] {
  return (deal.propertiesWithHistory?.dealstage ?? []).filter((h) => h.value).flatMap((h) => dealStageEvents(deal.id, h.value, h.timestamp, contactIds));
}

/**
 * An unsubscribe from one subscription type (by name) or from all email (`subscriptionName`
 * undefined). `topic` is EMAIL_MARKETING when it withdrew marketing consent as a whole (the
 * primary marketing type, or everything), else names the one type.
 */
export function unsubscribedEvent(
  contactId: string,
  identities: UnifiedEvent['identities'],
  subscription: { name: string | undefined; topic: string; key: string },
  at: string,
): UnifiedEvent {
  const occurredAt = toIso(at)!;
  return {
    id: `hubspot:contact:${contactId}:${subscription.key}:${epochMs(occurredAt)}`,
    source: 'hubspot',
    channel: 'EMAIL',
    type: 'EMAIL_UNSUBSCRIBED',
    occurredAt,
    identities: identities.length > 0 ? [...identities] : contactIdentity(contactId),
    summary: subscription.name ? `Unsubscribed from ${subscription.name}` : 'Unsubscribed from all email',
    details: { kind: 'consent', topic: subscription.topic, status: 'DENIED' },
  };
}
