/**
 * Email subscription types and each address's status in them. HubSpot keys subscription status
 * on the email address, not on a contact: a status can exist before its contact does.
 * @see https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/guide
 */
export const LEGAL_BASES = [
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'PERFORMANCE_OF_CONTRACT',
  'CONSENT_WITH_NOTICE',
  'NON_GDPR',
  'PROCESS_AND_STORE',
  'LEGITIMATE_INTEREST_OTHER',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface SubscriptionDefinition {
  id: string;
  name: string;
  description: string;
  purpose: 'Marketing' | 'Sales' | 'Service';
  communicationMethod: 'Email';
  isActive: boolean;
  isDefault: boolean;
  isInternal: boolean;
  createdAt: string;
  updatedAt: string;
}

const DEFINED_AT = '2024-01-15T09:00:00.000Z';
const definition = (id: string, name: string, description: string, purpose: SubscriptionDefinition['purpose'], isDefault: boolean) => ({
  id,
  name,
  description,
  purpose,
  communicationMethod: 'Email' as const,
  isActive: true,
  isDefault,
  isInternal: false,
  createdAt: DEFINED_AT,
  updatedAt: DEFINED_AT,
});

/** The portal's subscription types (ids are HubSpot-like int64s, strings in v3 and numbers in v4). */
export const SUBSCRIPTION_DEFINITIONS: readonly SubscriptionDefinition[] = [
  definition('5302011', 'Marketing Information', 'Marketing offers and updates.', 'Marketing', true),
  definition('5302012', 'Monthly Newsletter', 'The monthly product newsletter.', 'Marketing', false),
  definition('5302013', 'One to One', 'One to one emails from your account team.', 'Sales', true),
  definition('5302014', 'Customer Service Communication', 'Feedback requests and service updates.', 'Service', true),
];

export const MARKETING_SUBSCRIPTION_ID = '5302011';
export const NEWSLETTER_SUBSCRIPTION_ID = '5302012';
export const ONE_TO_ONE_SUBSCRIPTION_ID = '5302013';
export const SERVICE_SUBSCRIPTION_ID = '5302014';

export interface SubscriptionStatusRecord {
  state: 'SUBSCRIBED' | 'UNSUBSCRIBED';
  timestamp: string;
  /** Where the status came from, in HubSpot's words ("Self service", "Public status API", ...). */
  source: string;
  legalBasis?: LegalBasis | undefined;
  legalBasisExplanation?: string | undefined;
}

export class SubscriptionStore {
  private readonly statuses = new Map<string, Map<string, SubscriptionStatusRecord>>();
  private readonly wide = new Map<string, { timestamp: string; source: string }>();

  /** The address's status in one subscription; undefined means NOT_SPECIFIED (never set). */
  get(email: string, subscriptionId: string): SubscriptionStatusRecord | undefined {
    return this.statuses.get(email)?.get(subscriptionId);
  }

  /** Sets a status; undefined returns the address to NOT_SPECIFIED for that type. */
  set(email: string, subscriptionId: string, status: SubscriptionStatusRecord | undefined): void {
    if (!status) {
      this.statuses.get(email)?.delete(subscriptionId);
      return;
    }
    let byId = this.statuses.get(email);
    if (!byId) this.statuses.set(email, (byId = new Map()));
    byId.set(subscriptionId, status);
  }

  /** The portal-wide "unsubscribe from all" opt-out, if the address made one. */
  optedOutOfAll(email: string): { timestamp: string; source: string } | undefined {
    return this.wide.get(email);
  }

  /** Unsubscribe from all: every subscription type becomes UNSUBSCRIBED and the wide opt-out is set. */
  optOutOfAll(email: string, timestamp: string, source: string): void {
    this.wide.set(email, { timestamp, source });
    for (const definition of SUBSCRIPTION_DEFINITIONS) this.set(email, definition.id, { state: 'UNSUBSCRIBED', timestamp, source });
  }

  clearOptOutOfAll(email: string): void {
    this.wide.delete(email);
  }

  /** Forgets an address entirely (GDPR delete). */
  forget(email: string): void {
    this.statuses.delete(email);
    this.wide.delete(email);
  }
}

export const findDefinition = (id: string | number): SubscriptionDefinition | undefined =>
  SUBSCRIPTION_DEFINITIONS.find((d) => d.id === String(id));
