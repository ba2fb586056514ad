/**
 * Write-back of the hub's decisions to Google Ads. Google holds no consent state per person:
 * consent travels with every upload. What it holds is Customer Match membership, so a
 * withdrawal of AD_USER_DATA or AD_PERSONALIZATION takes the person out of every list the hub put
 * them in and suppresses their hashes (never uploaded again); UNKNOWN takes them out without
 * suppressing (the uploader refuses anyone without GRANTED consent anyway); erasure is a
 * withdrawal of everything. A removal Google could not run throws a retryable VendorError.
 */
import type { ConsentStatus, ConsentTopic } from '../unified/consent.js';
import type { VendorWriteBack, WriteBackResult, WriteBackSubject } from '../unified/contracts.js';
import type { GoogleAdsAudiences } from './audiences.js';
import { GOOGLE_ADS } from './transport.js';

export function createGoogleAdsWriteBack(audiences: GoogleAdsAudiences): VendorWriteBack {
  async function remove(subject: WriteBackSubject, reason: string, suppress: boolean): Promise<WriteBackResult> {
    const { lists, jobs } = await audiences.removeEverywhere(subject, reason, suppress);
    const suppressed = suppress ? '; hashes suppressed' : '';
    if (lists.length === 0) return { vendor: GOOGLE_ADS, outcome: 'not_held', detail: `in no Customer Match list${suppressed}` };
    return { vendor: GOOGLE_ADS, outcome: 'applied', detail: `removed from ${lists.length} Customer Match list(s) by ${jobs.length} job(s)${suppressed}` };
  }

  return {
    vendor: GOOGLE_ADS,
    topics: ['AD_USER_DATA', 'AD_PERSONALIZATION'],
    async applyConsent(subject: WriteBackSubject, topic: ConsentTopic, status: ConsentStatus): Promise<WriteBackResult> {
      if (topic !== 'AD_USER_DATA' && topic !== 'AD_PERSONALIZATION') {
        return { vendor: GOOGLE_ADS, outcome: 'not_held', detail: `Google Ads holds no ${topic} consent` };
      }
      if (status === 'GRANTED') {
        return { vendor: GOOGLE_ADS, outcome: 'not_held', detail: 'Google Ads holds no consent state; it is sent with every upload' };
      }
      return remove(subject, `${topic} ${status}`, status === 'DENIED');
    },
    erase: (subject) => remove(subject, 'erasure', true),
  };
}
