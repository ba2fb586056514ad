/**
 * Frequency's view of the consent ledger: the current status per topic, derived from the ledger's
 * history by the ledger's own rules (profile/consent/derive-consent.ts: latest wins, a tie goes
 * to DENIED, an UNKNOWN from another source never erases a choice).
 */
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import type { ConsentLedger } from '../consent/consent-ledger.js';
import { deriveConsent } from '../consent/derive-consent.js';
import type { ConsentStateReader } from './consent-state.js';

export function ledgerConsentReader(ledger: Pick<ConsentLedger, 'history'>): ConsentStateReader {
  return {
    async currentConsent(customerId) {
      const states = deriveConsent(await ledger.history(customerId));
      return Object.fromEntries(states.map((s) => [s.topic, s.status])) as Partial<Record<ConsentTopic, ConsentStatus>>;
    },
  };
}
