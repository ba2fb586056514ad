/**
 * "May we contact this person on this channel right now?" as one pure function of what the hub
 * knows: consent, counted touches, caps, quiet hours. Every reason that says no is listed, not
 * only the first, so a caller can see that waiting for a cap reset would still hit quiet hours.
 */
import type { ConsentStatus, ConsentTopic } from '../../connectors/unified/consent.js';
import type { Channel } from '../../connectors/unified/event.js';
import type { QuietHours } from '../../config/frequency-settings.js';
import { CONSENT_TOPICS_OF_CHANNEL } from './consent-state.js';
import type { CapHit } from './touch.js';
import { checkQuietHours } from './quiet-hours.js';
import type { CustomerTimeZone } from './time-zone.js';

export type ContactReason =
  | { code: 'UNKNOWN_CUSTOMER'; message: string }
  | { code: 'CHANNEL_NOT_CONTACTABLE'; message: string }
  | { code: 'CONSENT_DENIED' | 'CONSENT_UNKNOWN'; message: string; topic: ConsentTopic }
  | { code: 'CAP_REACHED'; message: string; policy: string; limit: number; used: number; resetsAt: number | undefined }
  | { code: 'QUIET_HOURS'; message: string; until: number; timeZone: string };

export interface ContactDecision {
  channel: Channel;
  allowed: boolean;
  evaluatedAt: number;
  /** Undefined only for an unknown customer. */
  timeZone: CustomerTimeZone | undefined;
  reasons: ContactReason[];
}

export function consentReasons(channel: Channel, consent: Partial<Record<ConsentTopic, ConsentStatus>>): ContactReason[] {
  const topics = CONSENT_TOPICS_OF_CHANNEL[channel];
  if (!topics) return [{ code: 'CHANNEL_NOT_CONTACTABLE', message: `${channel} is not an outbound marketing channel` }];
  const reasons: ContactReason[] = [];
  for (const topic of topics) {
    const status = consent[topic] ?? 'UNKNOWN';
    if (status === 'DENIED') reasons.push({ code: 'CONSENT_DENIED', topic, message: `${topic} consent is denied` });
    else if (status === 'UNKNOWN') reasons.push({ code: 'CONSENT_UNKNOWN', topic, message: `${topic} consent is unknown, so it is not assumed` });
  }
  return reasons;
}

export function quietHoursReasons(now: number, channel: Channel, timeZone: CustomerTimeZone, quiet: QuietHours | undefined): ContactReason[] {
  const check = checkQuietHours(now, channel, timeZone.zone, quiet);
  if (!check.quiet) return [];
  return [
    {
      code: 'QUIET_HOURS',
      until: check.until,
      timeZone: timeZone.zone,
      message: `quiet hours in ${timeZone.zone} until ${new Date(check.until).toISOString()}`,
    },
  ];
}

export function capReasons(hits: readonly CapHit[]): ContactReason[] {
  return hits.map((hit) => ({
    code: 'CAP_REACHED',
    ...hit,
    message:
      `${hit.policy}: ${hit.used} of ${hit.limit} used` +
      (hit.resetsAt === undefined ? ', no slot will free up' : `, a slot frees at ${new Date(hit.resetsAt).toISOString()}`),
  }));
}

export const unknownCustomer = (channel: Channel, now: number): ContactDecision => ({
  channel,
  allowed: false,
  evaluatedAt: now,
  timeZone: undefined,
  reasons: [{ code: 'UNKNOWN_CUSTOMER', message: 'no customer has this id' }],
});

export const decision = (channel: Channel, now: number, timeZone: CustomerTimeZone, reasons: ContactReason[]): ContactDecision => ({
  channel,
  allowed: reasons.length === 0,
  evaluatedAt: now,
  timeZone,
  reasons,
});
