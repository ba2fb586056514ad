/**
 * The current consent state, derived from the append-only ledger. Rules, per topic:
 * 1. The latest statement (by `occurredAt`, when the person chose) wins.
 * 2. On a tie, DENIED wins over GRANTED (and both over UNKNOWN): when two sources disagree about
 *    the same instant, the hub must not contact someone who may have said no.
 * 3. An UNKNOWN never overrides a GRANTED or DENIED stated by another source. UNKNOWN is not a
 *    choice but the absence of one (Shopify's NOT_SUBSCRIBED default, a Klaviyo profile created
 *    later with NEVER_SUBSCRIBED, a Shopify PENDING double opt-in): if it counted as "latest", a
 *    vendor that simply never asked would erase an opt-out recorded elsewhere, and a lost
 *    opt-out is the one mistake consent handling must never make. The same source may still
 *    retract its own statement with UNKNOWN (it knows best what it no longer holds).
 */
import { CONSENT_TOPICS, type ConsentRecord, type ConsentStatus, type ConsentTopic } from '../../connectors/unified/consent.js';

export interface ConsentState {
  topic: ConsentTopic;
  status: ConsentStatus;
  /** The record the state comes from; undefined when the ledger holds nothing for the topic. */
  record: ConsentRecord | undefined;
}

/** Tie order: a later position wins, so DENIED is applied last among equal times. */
const TIE_RANK: Record<ConsentStatus, number> = { UNKNOWN: 0, GRANTED: 1, DENIED: 2 };

/** Orders records as the derivation reads them: by time, then UNKNOWN < GRANTED < DENIED, then id (stable). */
export function compareConsentRecords(a: ConsentRecord, b: ConsentRecord): number {
  const ta = Date.parse(a.occurredAt);
  const tb = Date.parse(b.occurredAt);
  if (ta !== tb) return ta - tb;
  if (a.status !== b.status) return TIE_RANK[a.status] - TIE_RANK[b.status];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function deriveTopicState(topic: ConsentTopic, records: readonly ConsentRecord[]): ConsentState {
  let current: ConsentRecord | undefined;
  for (const record of records.filter((r) => r.topic === topic).sort(compareConsentRecords)) {
    const decided = current !== undefined && current.status !== 'UNKNOWN';
    if (record.status === 'UNKNOWN' && decided && current!.source !== record.source) continue;
    current = record;
  }
  return { topic, status: current?.status ?? 'UNKNOWN', record: current };
}

/** One state per topic, in CONSENT_TOPICS order; a topic with no record is UNKNOWN. */
export function deriveConsent(records: readonly ConsentRecord[]): ConsentState[] {
  return CONSENT_TOPICS.map((topic) => deriveTopicState(topic, records));
}
