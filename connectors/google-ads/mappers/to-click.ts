/**
 * A click_view row of a gclid the hub already knows, as unified records: an identity
 * observation (Google confirms the gclid) and an AD_CLICKED timeline event. click_view gives
 * the day of the click, not its time, so the event sits at the start of that day (UTC, the
 * account's time zone). Every Google Ads campaign type counts on the PAID_SEARCH channel.
 */
import type { UnifiedEvent } from '../../unified/event.js';
import type { IdentityObservation } from '../../unified/identity.js';
import type { GoogleAdsClickRow } from '../schemas.js';

export const clickEventId = (gclid: string) => `google-ads:click:${gclid}`;

export function toClickEvent(row: GoogleAdsClickRow): UnifiedEvent {
  const campaign = row.campaign.name ?? `campaign ${row.campaign.id}`;
  return {
    id: clickEventId(row.clickView.gclid),
    source: 'google-ads',
    channel: 'PAID_SEARCH',
    type: 'AD_CLICKED',
    occurredAt: `${row.segments.date}T00:00:00.000Z`,
    identities: [{ kind: 'GCLID', value: row.clickView.gclid }],
    summary: `Clicked a Google ad (${campaign})`.slice(0, 200),
    details: {
      kind: 'ad',
      campaignId: row.campaign.id,
      ...(row.campaign.name ? { campaignName: row.campaign.name } : {}),
      ...(row.adGroup ? { adSetId: row.adGroup.id } : {}),
      gclid: row.clickView.gclid,
    },
  };
}

export function toClickObservation(row: GoogleAdsClickRow, observedAt: string): IdentityObservation {
  return {
    source: 'google-ads',
    sourceRecordId: row.clickView.resourceName,
    identities: [{ kind: 'GCLID', value: row.clickView.gclid }],
    observedAt,
  };
}
