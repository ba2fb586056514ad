/**
 * What each Klaviyo metric means on the hub's timeline. Names are Klaviyo's built-in metrics and
 * its Shopify integration's. ⚠ "Received SMS" is the outbound send (the recipient received the
 * brand's message); "Sent SMS" is inbound (the person texted the brand, e.g. JOIN or STOP) and is
 * never a send: it maps to nothing, the consent change it causes has its own metric.
 * @see https://help.klaviyo.com/hc/en-us/articles/115005076787
 */
import type { ConsentStatus, ConsentTopic } from '../../unified/consent.js';
import type { Channel, EventType } from '../../unified/event.js';

export type MetricKind =
  | { kind: 'message'; channel: Channel; type: EventType; verb: string }
  | { kind: 'order' }
  | { kind: 'checkout' }
  | { kind: 'consent'; channel: Channel; type: EventType; topic: ConsentTopic; status: ConsentStatus; verb: string };

export const METRIC_KINDS: Readonly<Record<string, MetricKind>> = {
  'Received Email': { kind: 'message', channel: 'EMAIL', type: 'EMAIL_SENT', verb: 'Email sent' },
  'Opened Email': { kind: 'message', channel: 'EMAIL', type: 'EMAIL_OPENED', verb: 'Email opened' },
  'Clicked Email': { kind: 'message', channel: 'EMAIL', type: 'EMAIL_CLICKED', verb: 'Email clicked' },
  'Bounced Email': { kind: 'message', channel: 'EMAIL', type: 'EMAIL_BOUNCED', verb: 'Email bounced' },
  'Received SMS': { kind: 'message', channel: 'SMS', type: 'SMS_SENT', verb: 'SMS sent' },
  'Clicked SMS': { kind: 'message', channel: 'SMS', type: 'SMS_CLICKED', verb: 'SMS link clicked' },
  'Placed Order': { kind: 'order' },
  'Started Checkout': { kind: 'checkout' },
  'Checkout Started': { kind: 'checkout' },
  'Subscribed to Email Marketing': { kind: 'consent', channel: 'EMAIL', type: 'CONSENT_CHANGED', topic: 'EMAIL_MARKETING', status: 'GRANTED', verb: 'Subscribed to email marketing' },
  'Unsubscribed from Email Marketing': { kind: 'consent', channel: 'EMAIL', type: 'EMAIL_UNSUBSCRIBED', topic: 'EMAIL_MARKETING', status: 'DENIED', verb: 'Unsubscribed from email marketing' },
  Unsubscribed: { kind: 'consent', channel: 'EMAIL', type: 'EMAIL_UNSUBSCRIBED', topic: 'EMAIL_MARKETING', status: 'DENIED', verb: 'Unsubscribed from email marketing' },
  'Marked Email as Spam': { kind: 'consent', channel: 'EMAIL', type: 'EMAIL_UNSUBSCRIBED', topic: 'EMAIL_MARKETING', status: 'DENIED', verb: 'Marked an email as spam' },
  'Subscribed to SMS Marketing': { kind: 'consent', channel: 'SMS', type: 'CONSENT_CHANGED', topic: 'SMS_MARKETING', status: 'GRANTED', verb: 'Subscribed to SMS marketing' },
  'Consented to Receive SMS': { kind: 'consent', channel: 'SMS', type: 'CONSENT_CHANGED', topic: 'SMS_MARKETING', status: 'GRANTED', verb: 'Subscribed to SMS marketing' },
  'Unsubscribed from SMS Marketing': { kind: 'consent', channel: 'SMS', type: 'SMS_UNSUBSCRIBED', topic: 'SMS_MARKETING', status: 'DENIED', verb: 'Unsubscribed from SMS marketing' },
  'Unsubscribed from SMS': { kind: 'consent', channel: 'SMS', type: 'SMS_UNSUBSCRIBED', topic: 'SMS_MARKETING', status: 'DENIED', verb: 'Unsubscribed from SMS marketing' },
};

export const metricKind = (name: string | null | undefined): MetricKind | undefined => (name ? METRIC_KINDS[name] : undefined);
