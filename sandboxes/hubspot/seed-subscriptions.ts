/**
 * Email subscription statuses that reflect the person's consent truth in HubSpot's vocabulary:
 * SUBSCRIBED with a GDPR legal basis, UNSUBSCRIBED (some from everything, portal-wide), and no
 * status at all for people who never chose (HubSpot's NOT_SPECIFIED).
 */
import type { Random } from '../demo-world/random.js';
import type { DemoConsent, HubSpotFacet } from '../demo-world/world.js';
import {
  MARKETING_SUBSCRIPTION_ID,
  NEWSLETTER_SUBSCRIPTION_ID,
  ONE_TO_ONE_SUBSCRIPTION_ID,
  SERVICE_SUBSCRIPTION_ID,
  type LegalBasis,
  type SubscriptionStore,
} from './subscription-store.js';

/** How the hub's consent methods read as HubSpot legal bases and explanations. */
const BASIS_BY_METHOD: Record<string, { legalBasis: LegalBasis; explanation: string; source: string }> = {
  DOUBLE_OPT_IN: { legalBasis: 'CONSENT_WITH_NOTICE', explanation: 'Confirmed by double opt-in email.', source: 'Form submission' },
  SINGLE_OPT_IN: { legalBasis: 'CONSENT_WITH_NOTICE', explanation: 'Signed up on the website.', source: 'Form submission' },
  PREFERENCE_PAGE: { legalBasis: 'CONSENT_WITH_NOTICE', explanation: 'Chose it on the preferences page.', source: 'Self service' },
  CHECKOUT: { legalBasis: 'LEGITIMATE_INTEREST_CLIENT', explanation: 'Existing customer, opted in at checkout.', source: 'Integration' },
};

export function seedSubscriptions(
  random: Random,
  store: SubscriptionStore,
  email: string,
  consent: DemoConsent,
  lifecycleStage: HubSpotFacet['lifecycleStage'],
  createdAt: string,
): void {
  const basis = BASIS_BY_METHOD[consent.emailMethod] ?? BASIS_BY_METHOD.SINGLE_OPT_IN!;
  const at = consent.emailUpdatedAt;
  if (consent.email === 'SUBSCRIBED') {
    const status = { state: 'SUBSCRIBED' as const, timestamp: at, source: basis.source, legalBasis: basis.legalBasis, legalBasisExplanation: basis.explanation };
    store.set(email, MARKETING_SUBSCRIPTION_ID, status);
    if (random.chance(0.5)) store.set(email, NEWSLETTER_SUBSCRIPTION_ID, status);
  } else if (consent.email === 'UNSUBSCRIBED') {
    if (random.chance(0.3)) {
      store.optOutOfAll(email, at, 'Unsubscribe link');
      return;
    }
    store.set(email, MARKETING_SUBSCRIPTION_ID, { state: 'UNSUBSCRIBED', timestamp: at, source: 'Unsubscribe link' });
    store.set(email, NEWSLETTER_SUBSCRIPTION_ID, { state: 'UNSUBSCRIBED', timestamp: at, source: 'Unsubscribe link' });
  }
  // 1:1 and service email rest on the sales relationship, not on marketing consent.
  if (['salesqualifiedlead', 'opportunity', 'customer'].includes(lifecycleStage)) {
    store.set(email, ONE_TO_ONE_SUBSCRIPTION_ID, {
      state: 'SUBSCRIBED',
      timestamp: createdAt,
      source: 'CRM UI',
      legalBasis: 'LEGITIMATE_INTEREST_PQL',
      legalBasisExplanation: 'Requested contact from sales.',
    });
  }
  if (lifecycleStage === 'customer') {
    store.set(email, SERVICE_SUBSCRIPTION_ID, {
      state: 'SUBSCRIBED',
      timestamp: createdAt,
      source: 'CRM UI',
      legalBasis: 'PERFORMANCE_OF_CONTRACT',
      legalBasisExplanation: 'Service messages about orders.',
    });
  }
}

/** The contact properties HubSpot derives from the statuses: `hs_email_optout` and one `hs_email_optout_<id>` per type. */
export function optOutProperties(store: SubscriptionStore, email: string, definitionIds: readonly string[]): Record<string, string | null> {
  const properties: Record<string, string | null> = { hs_email_optout: store.optedOutOfAll(email) ? 'true' : 'false' };
  for (const id of definitionIds) {
    const status = store.get(email, id);
    properties[`hs_email_optout_${id}`] = status ? String(status.state === 'UNSUBSCRIBED') : null;
  }
  return properties;
}
