/**
 * HubSpot email subscription statuses as the hub's EMAIL_MARKETING consent. HubSpot keeps one
 * status per subscription type; the hub's topic is marketing email as a whole, so it follows the
 * account's primary marketing type (the default one with purpose "Marketing") and the
 * portal-wide "unsubscribe from all". Every HubSpot state maps: SUBSCRIBED → GRANTED,
 * UNSUBSCRIBED → DENIED, NOT_SPECIFIED (never chose) → UNKNOWN; the legal basis and HubSpot's
 * own words are kept as evidence.
 * @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/guide
 */
import type { ConsentRecord, ConsentStatus } from '../../unified/consent.js';
import type { Identity } from '../../unified/identity.js';
import type { PublicStatus, SubscriptionDefinition } from '../schemas.js';
import { toIso } from './time.js';

export interface MarketingSubscriptions {
  /** The type that stands for "marketing email" (Marketing Information by default). */
  primary: SubscriptionDefinition | undefined;
  /** Every active marketing type: an opt-out of marketing email unsubscribes from all of them. */
  all: SubscriptionDefinition[];
  byId: Map<string, SubscriptionDefinition>;
}

export function marketingSubscriptions(definitions: readonly SubscriptionDefinition[]): MarketingSubscriptions {
  const all = definitions.filter((d) => d.isActive && !d.isInternal && d.purpose?.toLowerCase() === 'marketing');
  return { primary: all.find((d) => d.isDefault) ?? all[0], all, byId: new Map(definitions.map((d) => [d.id, d])) };
}

const STATUS: Record<PublicStatus['status'], ConsentStatus> = { SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', NOT_SPECIFIED: 'UNKNOWN' };

/** HubSpot's status sources, in the hub's method words where one fits. */
function methodOf(source: string | undefined): string {
  const s = (source ?? '').toLowerCase();
  if (s.includes('unsubscribe link')) return 'UNSUBSCRIBE_LINK';
  if (s.includes('self service') || s.includes('preference')) return 'PREFERENCE_PAGE';
  if (s.includes('form')) return 'FORM';
  if (s.includes('import')) return 'IMPORT';
  return 'API';
}

/** The consent an address's v4 statuses state for EMAIL_MARKETING (none when the account has no marketing type). */
export function statusesToConsent(
  identities: readonly Identity[],
  recordId: string,
  statuses: readonly PublicStatus[],
  marketing: MarketingSubscriptions,
): ConsentRecord[] {
  const primary = marketing.primary && statuses.find((s) => s.subscriptionId === marketing.primary!.id);
  if (!primary || identities.length === 0) return [];
  const occurredAt = toIso(primary.timestamp);
  if (!occurredAt) return [];
  return [
    {
      id: `hubspot:${recordId}:EMAIL_MARKETING:${occurredAt}`,
      topic: 'EMAIL_MARKETING',
      status: STATUS[primary.status],
      source: 'hubspot',
      occurredAt,
      method: methodOf(primary.source),
      ...(primary.legalBasis ? { legalBasis: primary.legalBasis } : {}),
      evidence: {
        'hubspot.subscriptionId': primary.subscriptionId,
        'hubspot.subscriptionName': primary.subscriptionName ?? marketing.primary!.name,
        'hubspot.status': primary.status,
        ...(primary.source ? { 'hubspot.source': primary.source } : {}),
        ...(primary.legalBasisExplanation ? { 'hubspot.legalBasisExplanation': primary.legalBasisExplanation } : {}),
      },
      identities: [...identities],
    },
  ];
}

/**
 * The consent an opt-out property change states (`hs_email_optout` for everything,
 * `hs_email_optout_<id>` for one type; "true" is opted out). Only the primary marketing type and
 * the portal-wide opt-out speak for EMAIL_MARKETING; a newsletter unsubscribe does not.
 */
export function optOutChangeToConsent(
  identities: readonly Identity[],
  contactId: string,
  propertyName: string,
  value: string | undefined,
  at: string,
  marketing: MarketingSubscriptions,
  changeSource: string | undefined,
): ConsentRecord[] {
  const subscriptionId = propertyName === 'hs_email_optout' ? undefined : propertyName.replace('hs_email_optout_', '');
  const speaksForMarketing = subscriptionId === undefined ? value === 'true' : subscriptionId === marketing.primary?.id;
  const occurredAt = toIso(at);
  if (!speaksForMarketing || !occurredAt || identities.length === 0 || (value !== 'true' && value !== 'false' && value !== '')) return [];
  const status: ConsentStatus = value === 'true' ? 'DENIED' : value === 'false' ? 'GRANTED' : 'UNKNOWN';
  return [
    {
      id: `hubspot:${contactId}:EMAIL_MARKETING:${occurredAt}`,
      topic: 'EMAIL_MARKETING',
      status,
      source: 'hubspot',
      occurredAt,
      // changeSource EMAIL: the person acted from an email (its unsubscribe link or preferences page).
      method: changeSource === 'EMAIL' ? (status === 'DENIED' ? 'UNSUBSCRIBE_LINK' : 'PREFERENCE_PAGE') : 'API',
      evidence: { [`hubspot.${propertyName}`]: value ?? '', ...(changeSource ? { 'hubspot.changeSource': changeSource } : {}) },
      identities: [...identities],
    },
  ];
}
