/**
 * Pushes the hub's consent decisions and erasures to Klaviyo.
 * - EMAIL_MARKETING / SMS_MARKETING: GRANTED → a bulk subscribe job, DENIED → a bulk unsubscribe job
 *   without a list, which Klaviyo applies globally (with a list, members would only leave that list).
 *   Klaviyo cannot be told "unknown": UNKNOWN changes nothing there.
 * - Erasure: a data-privacy deletion job per identifier Klaviyo may hold the person under (one
 *   identifier per job, as Klaviyo requires).
 * Only people Klaviyo already holds are written: the hub never creates a Klaviyo profile to grant consent.
 * Jobs answer 202: Klaviyo has accepted the change and applies it within moments.
 */
import { normalizePhone } from '../unified/normalize.js';
import type { WriteBackResult, WriteBackSubject, VendorWriteBack } from '../unified/contracts.js';
import type { ConsentStatus, ConsentTopic } from '../unified/consent.js';
import type { KlaviyoClient } from './client.js';
import type { DeletionTarget } from './jobs.js';
import type { KlaviyoProfile } from './schemas.js';

export const KLAVIYO_CUSTOM_SOURCE = 'Customer Graph Hub';

const valuesOf = (subject: WriteBackSubject, kind: 'EMAIL' | 'PHONE' | 'KLAVIYO') => subject.identities.filter((i) => i.kind === kind).map((i) => i.value);

export function createKlaviyoWriteBack(client: KlaviyoClient): VendorWriteBack {
  /** The Klaviyo profiles this person is held under: by Klaviyo id first, then by email. */
  async function heldProfiles(subject: WriteBackSubject): Promise<KlaviyoProfile[]> {
    const ids = valuesOf(subject, 'KLAVIYO');
    const byId = ids.length > 0 ? await client.getProfilesById(ids) : [];
    if (byId.length > 0) return byId;
    const emails = valuesOf(subject, 'EMAIL');
    return emails.length > 0 ? client.getProfilesByEmail(emails) : [];
  }

  return {
    vendor: 'klaviyo',
    topics: ['EMAIL_MARKETING', 'SMS_MARKETING'],

    async applyConsent(subject: WriteBackSubject, topic: ConsentTopic, status: ConsentStatus): Promise<WriteBackResult> {
      if (topic !== 'EMAIL_MARKETING' && topic !== 'SMS_MARKETING') return { vendor: 'klaviyo', outcome: 'not_held', detail: `Klaviyo holds no ${topic} consent` };
      if (status === 'UNKNOWN') return { vendor: 'klaviyo', outcome: 'not_held', detail: 'Klaviyo has no way to set consent back to unknown' };
      const profiles = await heldProfiles(subject);
      if (profiles.length === 0) return { vendor: 'klaviyo', outcome: 'not_held', detail: 'Klaviyo holds no profile for this person' };
      const channel = topic === 'EMAIL_MARKETING' ? 'email' : 'sms';
      const targets =
        channel === 'email'
          ? profiles.flatMap((p) => (p.attributes.email ? [{ email: p.attributes.email.trim() }] : []))
          : profiles.flatMap((p) => {
              const phone = normalizePhone(p.attributes.phone_number) ?? normalizePhone(valuesOf(subject, 'PHONE')[0]);
              return phone ? [{ phoneNumber: phone }] : [];
            });
      if (targets.length === 0) return { vendor: 'klaviyo', outcome: 'not_held', detail: `Klaviyo holds no ${channel === 'email' ? 'email address' : 'phone number'} for this person` };
      const change = { channel, profiles: targets, customSource: KLAVIYO_CUSTOM_SOURCE } as const;
      if (status === 'GRANTED') await client.subscribe(change);
      else await client.unsubscribe(change);
      return { vendor: 'klaviyo', outcome: 'applied', detail: `${status === 'GRANTED' ? 'subscribe' : 'unsubscribe'} job accepted for ${targets.length} profile(s)` };
    },

    async erase(subject: WriteBackSubject): Promise<WriteBackResult> {
      const targets: DeletionTarget[] = [
        ...valuesOf(subject, 'KLAVIYO').map((profileId) => ({ profileId })),
        ...valuesOf(subject, 'EMAIL').map((email) => ({ email })),
        ...valuesOf(subject, 'PHONE').flatMap((raw) => {
          const phoneNumber = normalizePhone(raw);
          return phoneNumber ? [{ phoneNumber }] : [];
        }),
      ];
      if (targets.length === 0) return { vendor: 'klaviyo', outcome: 'not_held', detail: 'no identifier Klaviyo can delete by' };
      for (const target of targets) await client.requestDeletion(target);
      return { vendor: 'klaviyo', outcome: 'applied', detail: `${targets.length} deletion job(s) accepted` };
    },
  };
}
