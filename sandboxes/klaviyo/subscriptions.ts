/**
 * A profile's consent as Klaviyo keeps it (`subscriptions` with `additional-fields[profile]=subscriptions`),
 * derived from the person's `consent` truth, and the rules Klaviyo applies when it changes.
 * @see https://developers.klaviyo.com/en/docs/collect_email_and_sms_consent_via_api
 */
import type { DemoConsent } from '../demo-world/world.js';
import type { Random } from '../demo-world/random.js';
import { klaviyoTime } from './format.js';

export type KlaviyoConsent = 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'NEVER_SUBSCRIBED';
export type SuppressionReason = 'HARD_BOUNCE' | 'INVALID_EMAIL' | 'SPAM_COMPLAINT' | 'UNSUBSCRIBE' | 'USER_SUPPRESSED';

export interface EmailMarketing {
  consent: KlaviyoConsent;
  consentTimestamp: string | null;
  lastUpdated: string | null;
  method: string | null;
  methodDetail: string;
  customMethodDetail: string | null;
  doubleOptin: boolean | null;
  suppression: { reason: SuppressionReason; timestamp: string }[];
  listSuppressions: { listId: string; reason: SuppressionReason; timestamp: string }[];
}

export interface SmsMarketing {
  consent: KlaviyoConsent;
  consentTimestamp: string | null;
  lastUpdated: string | null;
  method: string | null;
  methodDetail: string;
}

export interface ProfileSubscriptions {
  email: EmailMarketing;
  sms: SmsMarketing;
}

/** How the hub's words for "how the email choice was made" read in Klaviyo's `method` / `double_optin`. */
const EMAIL_METHODS: Record<string, { method: string; detail: string; doubleOptin: boolean }> = {
  DOUBLE_OPT_IN: { method: 'FORM', detail: 'Newsletter signup form', doubleOptin: true },
  SINGLE_OPT_IN: { method: 'FORM', detail: 'Footer signup form', doubleOptin: false },
  CHECKOUT: { method: 'CHECKOUT', detail: 'shopify', doubleOptin: false },
  PREFERENCE_PAGE: { method: 'PREFERENCE_PAGE', detail: '', doubleOptin: false },
};

/**
 * The subscriptions Klaviyo holds for a person. SMS consent needs a phone number on the profile:
 * without one Klaviyo cannot hold it, whatever the person chose elsewhere. A few subscribed
 * addresses have hard-bounced since (a global suppression that is not an opt-out).
 */
export function subscriptionsFromConsent(consent: DemoConsent, hasPhone: boolean, random: Random, now: number): ProfileSubscriptions {
  const emailAt = klaviyoTime(consent.emailUpdatedAt);
  const email: EmailMarketing = {
    consent: consent.email,
    consentTimestamp: consent.email === 'NEVER_SUBSCRIBED' ? null : emailAt,
    lastUpdated: consent.email === 'NEVER_SUBSCRIBED' ? null : emailAt,
    method: null,
    methodDetail: '',
    customMethodDetail: null,
    doubleOptin: null,
    suppression: [],
    listSuppressions: [],
  };
  if (consent.email === 'SUBSCRIBED') {
    const how = EMAIL_METHODS[consent.emailMethod] ?? EMAIL_METHODS.SINGLE_OPT_IN!;
    Object.assign(email, { method: how.method, methodDetail: how.detail, doubleOptin: how.doubleOptin });
    const bounceAt = Date.parse(consent.emailUpdatedAt) + random.int(1, 60) * 86_400_000;
    if (random.chance(0.08) && bounceAt < now) email.suppression.push({ reason: 'HARD_BOUNCE', timestamp: klaviyoTime(bounceAt) });
  } else if (consent.email === 'UNSUBSCRIBED') {
    const complained = random.chance(0.15);
    email.method = consent.emailMethod === 'PREFERENCE_PAGE' ? 'PREFERENCE_PAGE' : complained ? 'SPAM_COMPLAINT' : 'EMAIL_UNSUBSCRIBE';
    email.suppression.push({ reason: complained ? 'SPAM_COMPLAINT' : 'UNSUBSCRIBE', timestamp: emailAt });
  }

  const smsAt = klaviyoTime(consent.smsUpdatedAt);
  const smsConsent: KlaviyoConsent = hasPhone ? consent.sms : 'NEVER_SUBSCRIBED';
  const sms: SmsMarketing = {
    consent: smsConsent,
    consentTimestamp: smsConsent === 'NEVER_SUBSCRIBED' ? null : smsAt,
    lastUpdated: smsConsent === 'NEVER_SUBSCRIBED' ? null : smsAt,
    method: smsConsent === 'NEVER_SUBSCRIBED' ? null : 'TEXT',
    methodDetail: smsConsent === 'SUBSCRIBED' ? 'JOIN' : smsConsent === 'UNSUBSCRIBED' ? 'STOP' : '',
  };
  return { email, sms };
}

/** Klaviyo's rule: email marketing may go to anyone without a global suppression (implicit consent included). */
export const canReceiveEmail = (email: EmailMarketing) => email.suppression.length === 0 && email.consent !== 'UNSUBSCRIBED';
/** SMS marketing needs explicit consent. */
export const canReceiveSms = (sms: SmsMarketing) => sms.consent === 'SUBSCRIBED';

/** The `subscriptions` attribute exactly as the API returns it. */
export function subscriptionsResource(subscriptions: ProfileSubscriptions) {
  const { email, sms } = subscriptions;
  return {
    email: {
      marketing: {
        can_receive_email_marketing: canReceiveEmail(email),
        consent: email.consent,
        consent_timestamp: email.consentTimestamp,
        last_updated: email.lastUpdated,
        method: email.method,
        method_detail: email.methodDetail,
        custom_method_detail: email.customMethodDetail,
        double_optin: email.doubleOptin,
        suppression: email.suppression.map((s) => ({ reason: s.reason, timestamp: s.timestamp })),
        list_suppressions: email.listSuppressions.map((s) => ({ list_id: s.listId, reason: s.reason, timestamp: s.timestamp })),
      },
    },
    sms: {
      marketing: {
        can_receive_sms_marketing: canReceiveSms(sms),
        consent: sms.consent,
        consent_timestamp: sms.consentTimestamp,
        method: sms.method,
        method_detail: sms.methodDetail,
        last_updated: sms.lastUpdated,
      },
      transactional: {
        can_receive_sms_transactional: sms.consent === 'SUBSCRIBED',
        consent: sms.consent === 'SUBSCRIBED' ? 'SUBSCRIBED' : 'NEVER_SUBSCRIBED',
        consent_timestamp: sms.consent === 'SUBSCRIBED' ? sms.consentTimestamp : null,
        method: sms.consent === 'SUBSCRIBED' ? sms.method : null,
        method_detail: sms.consent === 'SUBSCRIBED' ? sms.methodDetail : '',
        last_updated: sms.consent === 'SUBSCRIBED' ? sms.lastUpdated : null,
      },
    },
    mobile_push: { marketing: { can_receive_push_marketing: false, consent: 'NEVER_SUBSCRIBED', consent_timestamp: null } },
  };
}

/** Subscribing removes the suppressions a person can lift themselves, never bounces or invalid addresses. */
const LIFTED_BY_SUBSCRIBE: ReadonlySet<SuppressionReason> = new Set(['UNSUBSCRIBE', 'SPAM_COMPLAINT', 'USER_SUPPRESSED']);

export function subscribeEmail(email: EmailMarketing, at: string, how: { method: string; detail: string; custom: string | null; doubleOptin: boolean }) {
  email.consent = 'SUBSCRIBED';
  email.consentTimestamp = at;
  email.lastUpdated = at;
  email.method = how.method;
  email.methodDetail = how.detail;
  email.customMethodDetail = how.custom;
  email.doubleOptin = how.doubleOptin;
  email.suppression = email.suppression.filter((s) => !LIFTED_BY_SUBSCRIBE.has(s.reason));
}

export function unsubscribeEmail(email: EmailMarketing, at: string, method: string, custom: string | null = null) {
  email.consent = 'UNSUBSCRIBED';
  email.consentTimestamp = at;
  email.lastUpdated = at;
  email.method = method;
  email.methodDetail = '';
  email.customMethodDetail = custom;
  email.doubleOptin = null;
  if (!email.suppression.some((s) => s.reason === 'UNSUBSCRIBE')) email.suppression.push({ reason: 'UNSUBSCRIBE', timestamp: at });
}

export function setSms(sms: SmsMarketing, consent: 'SUBSCRIBED' | 'UNSUBSCRIBED', at: string, method: string, detail: string) {
  Object.assign(sms, { consent, consentTimestamp: at, lastUpdated: at, method, methodDetail: detail });
}
