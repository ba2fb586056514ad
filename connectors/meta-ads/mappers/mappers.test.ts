import { describe, expect, it } from 'vitest';
import { UnifiedEventSchema } from '../../unified/event.js';
import type { AudienceMembership } from '../../unified/contracts.js';
import type { MetaLead } from '../schemas.js';
import { estimateExposure, EXPOSURE_METHOD } from './estimate-exposure.js';
import { graphTimeToIso, graphTimeToUnix } from './lead-time.js';
import { toAudienceEvent } from './to-audience-event.js';
import { conversionsOf, toDeliveryMetrics } from './to-campaign-metrics.js';
import { toIdentityObservation } from './to-identity-observation.js';
import { toLeadBatch, toLeadEvent } from './to-lead-event.js';

const lead: MetaLead = {
  id: '1200000000000011',
  created_time: '2026-09-01T10:00:00+0000',
  ad_id: '23851',
  adset_id: '23852',
  campaign_id: '23853',
  campaign_name: 'Autumn prospecting',
  form_id: '7001',
  field_data: [
    { name: 'email', values: ['  Jane.Doe@Example.COM '] },
    { name: 'full_name', values: ['Jane Q. Doe'] },
    { name: 'phone_number', values: ['+1 650-555-1212'] },
  ],
  is_organic: false,
  platform: 'fb',
};

describe('Meta mappers', () => {
  it('reads Graph API times', () => {
    expect(graphTimeToIso('2026-09-01T10:00:00+0000')).toBe('2026-09-01T10:00:00.000Z');
    expect(graphTimeToIso('2026-09-01T12:00:00+0200')).toBe('2026-09-01T10:00:00.000Z');
    expect(graphTimeToUnix('1970-01-01T00:01:00+0000')).toBe(60);
    expect(() => graphTimeToIso('yesterday')).toThrow(RangeError);
  });

  it('maps a lead to an identity observation, a LEAD_SUBMITTED event without PII, and a changed record', () => {
    expect(toIdentityObservation(lead)).toEqual({
      source: 'meta',
      sourceRecordId: lead.id,
      observedAt: '2026-09-01T10:00:00.000Z',
      identities: [
        { kind: 'META_LEAD', value: lead.id },
        { kind: 'EMAIL', value: 'jane.doe@example.com' },
        { kind: 'PHONE', value: '+16505551212' },
      ],
      traits: { firstName: 'Jane', lastName: 'Q. Doe' },
    });
    const event = toLeadEvent(lead);
    expect(UnifiedEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      id: 'meta:lead:1200000000000011',
      source: 'meta',
      channel: 'PAID_SOCIAL',
      type: 'LEAD_SUBMITTED',
      occurredAt: '2026-09-01T10:00:00.000Z',
      summary: 'Submitted a Meta lead form (campaign “Autumn prospecting”)',
      details: { kind: 'ad', leadId: lead.id, formId: '7001', campaignId: '23853', campaignName: 'Autumn prospecting', adSetId: '23852', adId: '23851' },
    });
    expect(event.summary).not.toMatch(/jane|650/i);
    const organic = toLeadEvent({ ...lead, campaign_name: undefined, campaign_id: undefined, is_organic: true, field_data: [{ name: 'first_name', values: ['Al'] }] });
    expect(organic.summary).toBe('Submitted a Meta lead form (organic)');
    expect(organic.identities).toEqual([{ kind: 'META_LEAD', value: lead.id }]);
    expect(toLeadBatch([lead]).changed).toEqual([{ vendor: 'meta', entity: 'lead', id: lead.id }]);
  });

  it('maps audience placements to AUDIENCE_JOINED / AUDIENCE_LEFT events, skipping people with no usable identity', () => {
    const membership = { audienceId: 'aud_1', audienceName: 'Hub: VIPs', customerId: 'cus_1', reason: 'segment:vip' };
    const joined = toAudienceEvent('JOINED', membership, [{ kind: 'EMAIL', value: 'a@example.com' }, { kind: 'HUBSPOT', value: '1' }], '2026-10-01T00:00:00.000Z')!;
    expect(UnifiedEventSchema.parse(joined)).toEqual(joined);
    expect(joined).toMatchObject({
      id: 'meta:audience:aud_1:cus_1:joined:2026-10-01T00:00:00.000Z',
      source: 'hub',
      type: 'AUDIENCE_JOINED',
      identities: [{ kind: 'EMAIL', value: 'a@example.com' }],
      summary: 'Added to Meta audience “Hub: VIPs” (segment:vip)',
      details: { kind: 'ad', audienceId: 'aud_1' },
    });
    expect(toAudienceEvent('LEFT', membership, [{ kind: 'EMAIL', value: 'a@example.com' }], '2026-10-02T00:00:00.000Z')!.summary).toBe(
      'Removed from Meta audience “Hub: VIPs” (segment:vip)',
    );
    expect(toAudienceEvent('LEFT', membership, [{ kind: 'HUBSPOT', value: '1' }], '2026-10-02T00:00:00.000Z')).toBeUndefined();
  });

  it('reads insights numbers from strings, counting leads and purchases once each', () => {
    const row = {
      campaign_id: 'c1',
      campaign_name: 'Autumn',
      impressions: '1200',
      reach: '900',
      frequency: '1.333333',
      spend: '45.6',
      clicks: '33',
      account_currency: 'EUR',
      actions: [
        { action_type: 'link_click', value: '33' },
        { action_type: 'lead', value: '4' },
        { action_type: 'omni_purchase', value: '3' },
        { action_type: 'purchase', value: '3' },
        { action_type: 'offsite_conversion.fb_pixel_purchase', value: '3' },
      ],
      date_start: '2026-09-01',
      date_stop: '2026-09-30',
    };
    expect(toDeliveryMetrics(row, 'campaign')).toEqual({
      id: 'c1',
      name: 'Autumn',
      campaignId: 'c1',
      since: '2026-09-01',
      until: '2026-09-30',
      impressions: 1200,
      reach: 900,
      frequency: 1.333333,
      spend: { amount: '45.60', currencyCode: 'EUR' },
      clicks: 33,
      conversions: 7,
    });
    expect(conversionsOf([{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '2' }])).toBe(2);
    expect(conversionsOf(undefined)).toBe(0);
    expect(toDeliveryMetrics({ date_start: 'a', date_stop: 'b', impressions: '10', reach: '4' }, 'adset').frequency).toBe(2.5);
  });

  it('estimates exposure as membership × ad-set average frequency, prorated by days in the audience, marked as an estimate', () => {
    const member = (audienceId: string, joinedAt: string): AudienceMembership => ({ platform: 'meta', audienceId, audienceName: audienceId, customerId: 'cus_1', joinedAt, reason: 'r' });
    const adSets = [
      { id: 's1', name: 'Retargeting', campaign_id: 'c1', targeting: { custom_audiences: [{ id: 'aud_a' }, { id: 'aud_b' }] } },
      { id: 's2', name: 'Prospecting', campaign_id: 'c2', targeting: { custom_audiences: [{ id: 'aud_x' }] } },
      { id: 's3', name: 'Broad', campaign_id: 'c3' },
    ];
    const metrics = new Map([
      ['s1', { id: 's1', frequency: 3 } as never],
      ['s2', { id: 's2', frequency: 5 } as never],
    ]);
    const window = { since: '2026-10-01', until: '2026-10-30' };
    const estimate = estimateExposure([member('aud_a', '2026-10-16T08:00:00Z'), member('aud_b', '2026-09-01T00:00:00Z')], adSets, metrics, window);
    expect(estimate).toEqual({
      estimated: true,
      method: EXPOSURE_METHOD,
      since: '2026-10-01',
      until: '2026-10-30',
      estimatedImpressions: 3,
      byAdSet: [
        { adSetId: 's1', adSetName: 'Retargeting', campaignId: 'c1', audienceIds: ['aud_a', 'aud_b'], averageFrequency: 3, daysInAudience: 30, windowDays: 30, estimatedImpressions: 3 },
      ],
    });
    const halfway = estimateExposure([member('aud_a', '2026-10-16T08:00:00Z')], adSets, metrics, window);
    expect(halfway.byAdSet[0]).toMatchObject({ daysInAudience: 15, estimatedImpressions: 1.5 });
    expect(estimateExposure([member('aud_a', '2026-11-05T00:00:00Z')], adSets, metrics, window).estimatedImpressions).toBe(0);
    expect(estimateExposure([], adSets, metrics, window)).toMatchObject({ estimated: true, estimatedImpressions: 0, byAdSet: [] });
  });
});
