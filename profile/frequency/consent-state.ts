/**
 * What frequency needs from consent: the current status per topic. The hub reads it from the
 * consent ledger (ledger-consent-reader.ts); a topic the ledger knows nothing about is UNKNOWN,
 * and UNKNOWN is never taken for consent.
 */
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import type { Channel } from '../../connectors/unified/event.js';

export interface ConsentStateReader {
  /** The derived current status per topic; a missing topic is UNKNOWN. */
  currentConsent(customerId: string): Promise<Partial<Record<ConsentTopic, ConsentStatus>>>;
}

/**
 * The topics that must all be GRANTED before the hub contacts someone on a channel. Ads need
 * both Google/Meta consent-mode purposes: personalisation, and the use of the person's data.
 * PUSH has none: the device's own opt-in (the OS permission prompt) is its consent, and a push
 * token only exists after it; the hub has no ledger topic for it.
 */
export const CONSENT_TOPICS_OF_CHANNEL: Readonly<Partial<Record<Channel, readonly ConsentTopic[]>>> = {
  EMAIL: ['EMAIL_MARKETING'],
  SMS: ['SMS_MARKETING'],
  PUSH: [],
  PAID_SOCIAL: ['AD_PERSONALIZATION', 'AD_USER_DATA'],
  PAID_SEARCH: ['AD_PERSONALIZATION', 'AD_USER_DATA'],
};
