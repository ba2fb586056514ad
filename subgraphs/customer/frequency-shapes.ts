/**
 * The frequency module's records in their GraphQL shapes: epoch milliseconds become ISO strings,
 * windows become seconds, optional fields become nulls.
 */
import type { ContactDecision as Decision } from '../../profile/frequency/contact-decision.js';
import type { FrequencyView } from '../../profile/frequency/frequency-service.js';
import type { Reservation } from '../../profile/frequency/touch.js';
import type { ContactDecision, Frequency, FrequencyWindow, TouchReservation } from './__generated__/resolvers-types.js';

const HOUR = 3_600_000;
export const WINDOW_MS: Record<FrequencyWindow, number> = {
  LAST_HOUR: HOUR,
  LAST_24_HOURS: 24 * HOUR,
  LAST_7_DAYS: 7 * 24 * HOUR,
  LAST_30_DAYS: 30 * 24 * HOUR,
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : iso(ms));

export const frequencyShape = (window: FrequencyWindow, view: FrequencyView): Frequency => ({
  window,
  since: iso(view.since),
  until: iso(view.until),
  total: view.total,
  channels: view.channels,
  policies: view.policies.map((p) => ({
    name: p.policy,
    channels: [...p.channels],
    limit: p.limit,
    windowSeconds: Math.round(p.windowMs / 1000),
    used: p.used,
    remaining: p.remaining,
    reached: p.reached,
    resetsAt: isoOrNull(p.resetsAt),
  })),
});

export const decisionShape = (d: Decision): ContactDecision => ({
  channel: d.channel,
  allowed: d.allowed,
  evaluatedAt: iso(d.evaluatedAt),
  timeZone: d.timeZone?.zone ?? null,
  timeZoneSource: d.timeZone?.source ?? null,
  reasons: d.reasons.map((r) => ({
    code: r.code,
    message: r.message,
    consentTopic: 'topic' in r ? r.topic : null,
    policy: 'policy' in r ? r.policy : null,
    limit: 'limit' in r ? r.limit : null,
    used: 'used' in r ? r.used : null,
    resetsAt: 'policy' in r ? isoOrNull(r.resetsAt) : null,
    until: 'until' in r ? iso(r.until) : null,
  })),
});

export const reservationShape = (r: Reservation): TouchReservation => ({
  id: r.id,
  customerId: r.customerId,
  channel: r.channel,
  campaignId: r.campaignId,
  idempotencyKey: r.idempotencyKey,
  status: r.status,
  reservedAt: iso(r.reservedAt),
  expiresAt: iso(r.expiresAt),
  confirmedAt: isoOrNull(r.confirmedAt),
  eventId: r.eventId ?? null,
});
