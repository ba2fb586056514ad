/**
 * Pure translations from Klaviyo's payloads (connector types) to this subgraph's GraphQL shapes.
 */
import type { KlaviyoList, KlaviyoPredictiveAnalytics, KlaviyoProfile, KlaviyoSegment } from '../../connectors/klaviyo/schemas.js';
import type * as G from './__generated__/resolvers-types.js';

const CONSENT_STATES: ReadonlySet<string> = new Set(['SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED']);
const consentState = (value: string): G.KlaviyoConsentState | null => (CONSENT_STATES.has(value) ? (value as G.KlaviyoConsentState) : null);

export function presentList(list: KlaviyoList): G.KlaviyoList {
  const process = list.attributes.opt_in_process;
  return {
    id: list.id,
    name: list.attributes.name,
    optInProcess: process === 'double_opt_in' ? 'DOUBLE_OPT_IN' : process === 'single_opt_in' ? 'SINGLE_OPT_IN' : null,
  };
}

export const presentSegment = (segment: KlaviyoSegment): G.KlaviyoSegment => ({ id: segment.id, name: segment.attributes.name });

export function presentPredictive(p: KlaviyoPredictiveAnalytics | null | undefined): G.KlaviyoPredictiveAnalytics | null {
  if (!p) return null;
  return {
    historicClv: p.historic_clv ?? null,
    predictedClv: p.predicted_clv ?? null,
    totalClv: p.total_clv ?? null,
    historicNumberOfOrders: p.historic_number_of_orders ?? null,
    predictedNumberOfOrders: p.predicted_number_of_orders ?? null,
    averageOrderValue: p.average_order_value ?? null,
    averageDaysBetweenOrders: p.average_days_between_orders ?? null,
    churnProbability: p.churn_probability ?? null,
    expectedDateOfNextOrder: p.expected_date_of_next_order ?? null,
    rankedChannelAffinity: p.ranked_channel_affinity ?? null,
  };
}

export function presentSubscriptions(profile: KlaviyoProfile): G.KlaviyoSubscriptions {
  const email = profile.attributes.subscriptions?.email?.marketing;
  const sms = profile.attributes.subscriptions?.sms?.marketing;
  return {
    email: email
      ? {
          consent: consentState(email.consent),
          canReceive: email.can_receive_email_marketing,
          consentedAt: email.consent_timestamp ?? null,
          lastUpdatedAt: email.last_updated ?? null,
          method: email.method ?? null,
          methodDetail: email.method_detail || null,
          doubleOptIn: email.double_optin ?? null,
          suppressions: (email.suppression ?? []).map((s) => ({ reason: s.reason, at: s.timestamp })),
          listSuppressions: (email.list_suppressions ?? []).map((s) => ({ listId: s.list_id, reason: s.reason, at: s.timestamp })),
        }
      : null,
    sms: sms
      ? {
          consent: consentState(sms.consent),
          canReceive: sms.can_receive_sms_marketing,
          consentedAt: sms.consent_timestamp ?? null,
          lastUpdatedAt: sms.last_updated ?? null,
          method: sms.method ?? null,
          methodDetail: sms.method_detail || null,
        }
      : null,
  };
}
