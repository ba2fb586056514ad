import { describe, expect, it } from 'vitest';
import { UnifiedEventSchema } from '../../unified/event.js';
import { toAudienceEvent } from './to-audience-event.js';
import { microsToAmount, toCampaignMetrics } from './to-campaign-metrics.js';
import { toClickEvent, toClickObservation } from './to-click.js';
import { toConversionEvent } from './to-conversion-event.js';
import { EXPOSURE_METHOD, estimateExposure } from './to-exposure-estimate.js';

const click = {
  clickView: { gclid: 'Cj0KCQabcdefghijklmnopqrst', resourceName: 'customers/1234567890/clickViews/2026-10-20~Cj0KCQabcdefghijklmnopqrst' },
  campaign: { id: '111', name: 'Brand search' },
  adGroup: { id: '222' },
  segments: { date: '2026-10-20' },
};

describe('Google Ads mappers', () => {
  it('maps a click to an AD_CLICKED event and a GCLID observation', () => {
    const event = toClickEvent(click);
    expect(UnifiedEventSchema.parse(event)).toEqual({
      id: 'google-ads:click:Cj0KCQabcdefghijklmnopqrst',
      source: 'google-ads',
      channel: 'PAID_SEARCH',
      type: 'AD_CLICKED',
      occurredAt: '2026-10-20T00:00:00.000Z',
      identities: [{ kind: 'GCLID', value: 'Cj0KCQabcdefghijklmnopqrst' }],
      summary: 'Clicked a Google ad (Brand search)',
      details: { kind: 'ad', campaignId: '111', campaignName: 'Brand search', adSetId: '222', gclid: 'Cj0KCQabcdefghijklmnopqrst' },
    });
    expect(toClickObservation(click, '2026-11-01T00:00:00.000Z')).toEqual({
      source: 'google-ads',
      sourceRecordId: click.clickView.resourceName,
      identities: [{ kind: 'GCLID', value: 'Cj0KCQabcdefghijklmnopqrst' }],
      observedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('maps an uploaded conversion to CONVERSION_UPLOADED with a stable id and no PII in the summary', () => {
    const conversion = {
      gclid: 'Cj0KCQabcdefghijklmnopqrst',
      conversionAction: 'customers/1234567890/conversionActions/987',
      conversionActionName: 'Offline purchase',
      occurredAt: '2026-10-21T10:00:00+02:00',
      value: { amount: '42.50', currencyCode: 'USD' },
      uploadedAt: '2026-11-01T00:00:00.000Z',
    };
    const event = toConversionEvent(conversion, [{ kind: 'EMAIL', value: 'sam@example.com' }]);
    expect(UnifiedEventSchema.parse(event)).toMatchObject({
      id: `google-ads:conversion:Cj0KCQabcdefghijklmnopqrst:987:${Date.parse('2026-10-21T08:00:00Z')}`,
      type: 'CONVERSION_UPLOADED',
      occurredAt: '2026-10-21T08:00:00.000Z',
      identities: [{ kind: 'GCLID', value: 'Cj0KCQabcdefghijklmnopqrst' }, { kind: 'EMAIL', value: 'sam@example.com' }],
      summary: 'Conversion uploaded to Google Ads (Offline purchase, 42.50 USD)',
      details: { kind: 'ad', gclid: 'Cj0KCQabcdefghijklmnopqrst', conversionAction: conversion.conversionAction, value: conversion.value },
    });
    expect(event.summary).not.toContain('sam@');
    expect(toConversionEvent({ ...conversion, uploadedAt: '2027-01-01T00:00:00Z' }).id).toBe(event.id);
  });

  it('maps list placement and removal to AUDIENCE_JOINED and AUDIENCE_LEFT', () => {
    const base = { customerId: 'cus_1', identities: [{ kind: 'EMAIL' as const, value: 'sam@example.com' }], userListId: '91', userListName: 'CRM subscribers', at: '2026-11-01T00:00:00.000Z' };
    const joined = UnifiedEventSchema.parse(toAudienceEvent({ ...base, type: 'AUDIENCE_JOINED', reason: 'segment: vip' }));
    const left = UnifiedEventSchema.parse(toAudienceEvent({ ...base, type: 'AUDIENCE_LEFT', reason: 'AD_PERSONALIZATION DENIED' }));
    expect(joined).toMatchObject({ type: 'AUDIENCE_JOINED', summary: 'Added to Google Ads Customer Match list “CRM subscribers” (segment: vip)', details: { kind: 'ad', audienceId: '91' } });
    expect(left).toMatchObject({ type: 'AUDIENCE_LEFT', summary: 'Removed from Google Ads Customer Match list “CRM subscribers” (AD_PERSONALIZATION DENIED)' });
    expect(joined.id).not.toBe(left.id);
  });

  it('maps campaign rows: int64 strings to numbers, micros to money, missing reach to null', () => {
    const window = { since: '2026-10-01', until: '2026-10-31' };
    expect(microsToAmount(45_670_000)).toBe('45.67');
    const search = toCampaignMetrics({ campaign: { id: '1', name: 'Brand', advertisingChannelType: 'SEARCH' }, metrics: { impressions: '100', clicks: '5', costMicros: '4567000', conversions: 1.5 } }, window, 'EUR');
    expect(search).toEqual({
      campaignId: '1', name: 'Brand', channel: 'SEARCH', window, impressions: 100, clicks: 5, costMicros: 4_567_000,
      spend: { amount: '4.57', currencyCode: 'EUR' }, conversions: 1.5, uniqueUsers: null, averageFrequency: null,
    });
    const display = toCampaignMetrics({ campaign: { id: '2' }, metrics: { impressions: '900', uniqueUsers: '300', averageImpressionFrequencyPerUser: 3 } }, window, 'USD');
    expect(display).toMatchObject({ uniqueUsers: 300, averageFrequency: 3 });
  });
});

describe('estimated ad exposure', () => {
  const window = { since: '2026-10-01', until: '2026-10-30' };
  const campaign = (id: string, averageFrequency: number | null) => ({
    campaignId: id, name: `C${id}`, channel: averageFrequency === null ? 'SEARCH' : 'DISPLAY', window, impressions: 1, clicks: 0, costMicros: 0,
    spend: { amount: '0.00', currencyCode: 'USD' }, conversions: 0, uniqueUsers: null, averageFrequency,
  });
  const membership = (audienceId: string, joinedAt: string) => ({ platform: 'google-ads' as const, audienceId, audienceName: audienceId, customerId: 'cus_1', joinedAt, reason: 'test' });

  it('is list membership × campaign average frequency, prorated by the days in the list, and says it is an estimate', () => {
    const estimate = estimateExposure({
      customerId: 'cus_1',
      window,
      memberships: [membership('L1', '2026-09-01T00:00:00Z'), membership('L2', '2026-10-16T12:00:00Z')],
      targeting: [
        { campaignId: 'D', userListId: 'L1' },
        { campaignId: 'D', userListId: 'L2' },
        { campaignId: 'V', userListId: 'L2' },
        { campaignId: 'S', userListId: 'L1' },
        { campaignId: 'X', userListId: 'L9' },
      ],
      campaigns: [campaign('D', 3), campaign('V', 4), campaign('S', null)],
    });
    expect(estimate).toEqual({
      platform: 'google-ads',
      customerId: 'cus_1',
      window,
      estimate: true,
      method: EXPOSURE_METHOD,
      // D: the whole window through L1 (counted once though L2 is targeted too); V: 15 of 30 days through L2.
      estimatedImpressions: 5,
      contributions: [
        { campaignId: 'D', campaignName: 'CD', userListId: 'L1', averageFrequency: 3, daysInList: 30, estimatedImpressions: 3 },
        { campaignId: 'V', campaignName: 'CV', userListId: 'L2', averageFrequency: 4, daysInList: 15, estimatedImpressions: 2 },
      ],
      unmeasuredCampaignIds: ['S'],
    });
  });

  it('is zero for someone in no targeted list, or who joined after the window', () => {
    const none = estimateExposure({ customerId: 'cus_1', window, memberships: [], targeting: [{ campaignId: 'D', userListId: 'L1' }], campaigns: [campaign('D', 3)] });
    expect(none.estimatedImpressions).toBe(0);
    const late = estimateExposure({ customerId: 'cus_1', window, memberships: [membership('L1', '2026-11-05T00:00:00Z')], targeting: [{ campaignId: 'D', userListId: 'L1' }], campaigns: [campaign('D', 3)] });
    expect(late.contributions).toEqual([]);
  });
});
