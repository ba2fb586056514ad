import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../connectors/unified/consent.js';
import { deriveConsent, deriveTopicState } from './derive-consent.js';

let n = 0;
const rec = (source: ConsentRecord['source'], status: ConsentRecord['status'], occurredAt: string, topic: ConsentRecord['topic'] = 'EMAIL_MARKETING'): ConsentRecord => ({
  id: `${source}:${++n}`,
  topic,
  status,
  source,
  occurredAt,
  evidence: {},
  identities: [{ kind: 'EMAIL', value: 'a@example.com' }],
});
const state = (...records: ConsentRecord[]) => deriveTopicState('EMAIL_MARKETING', records);

describe('current consent derived from the ledger', () => {
  it('is UNKNOWN with no record, for every topic', () => {
    expect(deriveConsent([]).map((s) => [s.topic, s.status, s.record])).toEqual([
      ['EMAIL_MARKETING', 'UNKNOWN', undefined],
      ['SMS_MARKETING', 'UNKNOWN', undefined],
      ['AD_PERSONALIZATION', 'UNKNOWN', undefined],
      ['AD_USER_DATA', 'UNKNOWN', undefined],
    ]);
  });

  it('takes the latest statement by time of choice, whatever the order appended or the offset written', () => {
    const denied = rec('hubspot', 'DENIED', '2026-11-01T12:00:00+02:00'); // 10:00Z
    const granted = rec('klaviyo', 'GRANTED', '2026-11-01T11:00:00.000Z');
    expect(state(granted, denied).record).toBe(granted);
    expect(state(denied, granted).record).toBe(granted);
  });

  it('gives a tie to DENIED, in either order', () => {
    const granted = rec('klaviyo', 'GRANTED', '2026-11-01T10:00:00.000Z');
    const denied = rec('shopify', 'DENIED', '2026-11-01T10:00:00.000Z');
    expect(state(granted, denied).status).toBe('DENIED');
    expect(state(denied, granted).status).toBe('DENIED');
  });

  it('never lets a later UNKNOWN from another source override a GRANTED or DENIED', () => {
    const denied = rec('hubspot', 'DENIED', '2026-11-01T10:00:00.000Z');
    const neverAsked = rec('shopify', 'UNKNOWN', '2026-11-09T10:00:00.000Z');
    expect(state(denied, neverAsked)).toMatchObject({ status: 'DENIED', record: denied });
    const granted = rec('klaviyo', 'GRANTED', '2026-11-01T10:00:00.000Z');
    expect(state(granted, rec('hub', 'UNKNOWN', '2026-11-09T10:00:00.000Z')).status).toBe('GRANTED');
  });

  it('lets a source retract its own statement with UNKNOWN, and a later decision from anyone wins again', () => {
    const granted = rec('shopify', 'GRANTED', '2026-11-01T10:00:00.000Z');
    const pending = rec('shopify', 'UNKNOWN', '2026-11-02T10:00:00.000Z');
    expect(state(granted, pending).status).toBe('UNKNOWN');
    expect(state(granted, pending, rec('klaviyo', 'DENIED', '2026-11-03T10:00:00.000Z')).status).toBe('DENIED');
  });

  it('derives each topic from its own records only', () => {
    const states = deriveConsent([rec('klaviyo', 'GRANTED', '2026-11-01T10:00:00.000Z', 'SMS_MARKETING'), rec('hub', 'DENIED', '2026-11-01T10:00:00.000Z', 'AD_USER_DATA')]);
    expect(states.map((s) => s.status)).toEqual(['UNKNOWN', 'GRANTED', 'UNKNOWN', 'DENIED']);
  });
});
