/**
 * Klaviyo consent as unified consent records, from a profile's `subscriptions` (sync, reads) and
 * from consent events (webhooks). Every Klaviyo state maps: SUBSCRIBED → GRANTED,
 * UNSUBSCRIBED → DENIED, NEVER_SUBSCRIBED → UNKNOWN. A spam complaint or an UNSUBSCRIBE
 * suppression is an objection whatever the consent field says, so it reads DENIED. Bounces and
 * invalid addresses are deliverability, not consent: the status stays, the suppression is evidence.
 * List suppressions are per list and never change the global status.
 * @see https://developers.klaviyo.com/en/docs/collect_email_and_sms_consent_via_api
 */
import type { ConsentRecord, ConsentStatus, ConsentTopic } from '../../unified/consent.js';
import type { KlaviyoEventRecord, KlaviyoProfile } from '../schemas.js';
import { hubMethod } from './consent-methods.js';
import { isoTime, profileIdentities } from './identities.js';
import { metricKind } from './metric-kinds.js';

const STATUS: Record<string, ConsentStatus> = { SUBSCRIBED: 'GRANTED', UNSUBSCRIBED: 'DENIED', NEVER_SUBSCRIBED: 'UNKNOWN' };
const OBJECTIONS: ReadonlySet<string> = new Set(['SPAM_COMPLAINT', 'UNSUBSCRIBE']);

const recordId = (profileId: string, topic: ConsentTopic, at: string) => `klaviyo:${profileId}:${topic}:${at}`;

/** Drops empty values: evidence is a map of strings. */
const evidence = (entries: Record<string, string | null | undefined>) =>
  Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

export function consentRecordsFromProfile(profile: KlaviyoProfile): ConsentRecord[] {
  const subscriptions = profile.attributes.subscriptions;
  if (!subscriptions) return [];
  const identities = profileIdentities(profile.id, profile);
  const fallbackAt = isoTime(profile.attributes.created) ?? new Date(0).toISOString();
  const out: ConsentRecord[] = [];

  const email = subscriptions.email?.marketing;
  if (email) {
    const suppressions = email.suppression ?? [];
    const objection = suppressions.find((s) => OBJECTIONS.has(s.reason));
    const status = objection ? 'DENIED' : (STATUS[email.consent] ?? 'UNKNOWN');
    const occurredAt = isoTime(email.consent_timestamp) ?? isoTime(objection?.timestamp) ?? isoTime(email.last_updated) ?? fallbackAt;
    const method = objection?.reason === 'SPAM_COMPLAINT' ? 'SPAM_COMPLAINT' : hubMethod(email.method, email.method_detail, email.double_optin);
    out.push({
      id: recordId(profile.id, 'EMAIL_MARKETING', occurredAt),
      topic: 'EMAIL_MARKETING',
      status,
      source: 'klaviyo',
      occurredAt,
      ...(method ? { method } : {}),
      evidence: evidence({
        'klaviyo.consent': email.consent,
        'klaviyo.can_receive_email_marketing': String(email.can_receive_email_marketing),
        'klaviyo.method': email.method,
        'klaviyo.method_detail': email.method_detail,
        'klaviyo.custom_method_detail': email.custom_method_detail,
        'klaviyo.double_optin': email.double_optin === null || email.double_optin === undefined ? undefined : String(email.double_optin),
        'klaviyo.suppression': suppressions.map((s) => `${s.reason}@${s.timestamp}`).join(','),
        'klaviyo.list_suppressions': (email.list_suppressions ?? []).map((s) => `${s.list_id}:${s.reason}@${s.timestamp}`).join(','),
      }),
      identities,
    });
  }

  const sms = subscriptions.sms?.marketing;
  if (sms) {
    const occurredAt = isoTime(sms.consent_timestamp) ?? isoTime(sms.last_updated) ?? fallbackAt;
    const method = hubMethod(sms.method, sms.method_detail);
    out.push({
      id: recordId(profile.id, 'SMS_MARKETING', occurredAt),
      topic: 'SMS_MARKETING',
      status: STATUS[sms.consent] ?? 'UNKNOWN',
      source: 'klaviyo',
      occurredAt,
      ...(method ? { method } : {}),
      evidence: evidence({
        'klaviyo.consent': sms.consent,
        'klaviyo.can_receive_sms_marketing': String(sms.can_receive_sms_marketing),
        'klaviyo.method': sms.method,
        'klaviyo.method_detail': sms.method_detail,
      }),
      identities,
    });
  }
  return out;
}

/** A consent metric event (subscribed, unsubscribed, spam complaint) as the record of that change. */
export function consentRecordFromEvent({ event, metric, profile }: KlaviyoEventRecord): ConsentRecord | undefined {
  const kind = metricKind(metric?.attributes.name);
  const profileId = event.relationships?.profile?.data?.id;
  const occurredAt = isoTime(event.attributes.datetime, event.attributes.timestamp);
  if (kind?.kind !== 'consent' || !profileId || !occurredAt) return undefined;
  const p = event.attributes.event_properties ?? {};
  const rawMethod = typeof p.Method === 'string' ? p.Method : undefined;
  const keyword = typeof p.Keyword === 'string' ? p.Keyword : undefined;
  const method = metric?.attributes.name === 'Marked Email as Spam' ? 'SPAM_COMPLAINT' : hubMethod(rawMethod, keyword);
  return {
    id: recordId(profileId, kind.topic, occurredAt),
    topic: kind.topic,
    status: kind.status,
    source: 'klaviyo',
    occurredAt,
    ...(method ? { method } : {}),
    evidence: evidence({ 'klaviyo.metric': metric?.attributes.name, 'klaviyo.event_id': event.id, 'klaviyo.method': rawMethod }),
    identities: profileIdentities(profileId, profile),
  };
}
