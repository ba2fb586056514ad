/**
 * The hub's decisions written back to HubSpot:
 * - EMAIL_MARKETING GRANTED subscribes the contact's address to the primary marketing type, with
 *   a legal basis (HubSpot requires one where GDPR is on). It uses the v4 statuses API, because v3
 *   refuses to resubscribe an address that once opted out, and a person may opt in again.
 * - DENIED unsubscribes it from every marketing type: an opt-out must hold for all marketing email.
 * - UNKNOWN is not written: HubSpot's NOT_SPECIFIED would erase an opt-out, which must never be lost.
 * - erase is HubSpot's GDPR delete of every contact the person has (by id and by email).
 * @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/guide
 * @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete
 */
import type { ConsentStatus, ConsentTopic } from '../unified/consent.js';
import type { VendorWriteBack, WriteBackResult, WriteBackSubject } from '../unified/contracts.js';
import { normalizeEmail } from '../unified/normalize.js';
import type { HubSpotClient } from './client.js';
import type { MarketingSubscriptionsReader } from './marketing-subscriptions.js';

const EXPLANATION = 'Consent recorded by the Customer Graph Hub.';

export function createHubSpotWriteBack(client: HubSpotClient, marketing: MarketingSubscriptionsReader): VendorWriteBack {
  const notHeld = (detail: string): WriteBackResult => ({ vendor: 'hubspot', outcome: 'not_held', detail });

  /** The address HubSpot holds for the person: the contact's own email, found by id or by any known email. */
  const contactEmail = async (subject: WriteBackSubject): Promise<string | undefined> => {
    for (const identity of subject.identities.filter((i) => i.kind === 'HUBSPOT')) {
      const email = normalizeEmail((await client.getContact(identity.value))?.properties.email);
      if (email) return email;
    }
    for (const identity of subject.identities.filter((i) => i.kind === 'EMAIL')) {
      const email = normalizeEmail((await client.getContactByEmail(identity.value))?.properties.email);
      if (email) return email;
    }
    return undefined;
  };

  return {
    vendor: 'hubspot',
    topics: ['EMAIL_MARKETING'],

    async applyConsent(subject: WriteBackSubject, topic: ConsentTopic, status: ConsentStatus): Promise<WriteBackResult> {
      if (topic !== 'EMAIL_MARKETING') return notHeld(`HubSpot holds no ${topic} consent`);
      if (status === 'UNKNOWN') return notHeld('HubSpot has no "unknown" to set without erasing an opt-out; nothing written');
      const email = await contactEmail(subject);
      if (!email) return notHeld('HubSpot holds no contact for this person');
      const types = await marketing();
      if (status === 'GRANTED') {
        if (!types.primary) return notHeld('the HubSpot account has no marketing subscription type');
        const result = await client.setSubscriptionStatus(email, {
          subscriptionId: types.primary.id,
          statusState: 'SUBSCRIBED',
          legalBasis: 'CONSENT_WITH_NOTICE',
          legalBasisExplanation: EXPLANATION,
        });
        return { vendor: 'hubspot', outcome: 'applied', detail: `${types.primary.name}: ${result.setStatusSuccessReason ?? result.status}` };
      }
      if (types.all.length === 0) return notHeld('the HubSpot account has no marketing subscription type');
      for (const type of types.all) await client.setSubscriptionStatus(email, { subscriptionId: type.id, statusState: 'UNSUBSCRIBED' });
      return { vendor: 'hubspot', outcome: 'applied', detail: `unsubscribed from ${types.all.map((t) => t.name).join(', ')}` };
    },

    /** Deletes every contact the person has: by HubSpot id, then by each email (a duplicate contact may hold one). */
    async erase(subject: WriteBackSubject): Promise<WriteBackResult> {
      let deleted = 0;
      for (const identity of subject.identities) {
        if (identity.kind === 'HUBSPOT' && (await client.gdprDeleteContact(identity.value))) deleted++;
      }
      for (const identity of subject.identities) {
        if (identity.kind === 'EMAIL' && (await client.gdprDeleteContact(identity.value, 'email'))) deleted++;
      }
      return deleted > 0 ? { vendor: 'hubspot', outcome: 'applied', detail: `GDPR delete of ${deleted} contact(s)` } : notHeld('HubSpot holds no contact for this person');
    },
  };
}
