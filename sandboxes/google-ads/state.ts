/**
 * The Google Ads account the sandbox serves, built from the demo world. Rows are kept flat,
 * keyed by GAQL field names, so that any SELECT list can be answered from them.
 */
import type { DemoWorld } from '../demo-world/world.js';

export type GaqlRow = Record<string, string | number>;

export interface GoogleAdsState {
  customerId: string;
  /** Rows per GAQL resource (`click_view`, `campaign`, ...). */
  resources: Map<string, GaqlRow[]>;
}

export function buildGoogleAdsState(world: DemoWorld, customerId: string): GoogleAdsState {
  const campaigns = new Map(world.campaigns.google.map((c) => [c.campaignId, c]));
  const clickRows: GaqlRow[] = [];
  for (const person of world.people) {
    for (const click of person.googleAds?.clicks ?? []) {
      const campaign = campaigns.get(click.campaignId)!;
      clickRows.push({
        'click_view.resource_name': `customers/${customerId}/clickViews/${click.clickedAt.slice(0, 10).replaceAll('-', '')}~${click.gclid}`,
        'click_view.gclid': click.gclid,
        'click_view.ad_group_ad': `customers/${customerId}/adGroupAds/${campaign.adGroupId}~1`,
        'campaign.resource_name': `customers/${customerId}/campaigns/${campaign.campaignId}`,
        'campaign.id': campaign.campaignId,
        'campaign.name': campaign.name,
        'ad_group.resource_name': `customers/${customerId}/adGroups/${campaign.adGroupId}`,
        'ad_group.id': campaign.adGroupId,
        'segments.date': click.clickedAt.slice(0, 10),
        'metrics.clicks': 1,
      });
    }
  }
  return { customerId, resources: new Map([['click_view', clickRows]]) };
}
