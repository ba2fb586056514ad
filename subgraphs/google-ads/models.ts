import type { GoogleAdsClickRow } from '../../connectors/google-ads/schemas.js';
import type { CampaignMetrics } from '../../connectors/google-ads/mappers/to-campaign-metrics.js';
import type { UploadedConversion } from '../../connectors/google-ads/mappers/to-conversion-event.js';
import type { AudienceMembership } from '../../connectors/unified/contracts.js';

/** What `Customer.googleAds` resolves to: who the person is to Google Ads, before any Google call. */
export interface GoogleAdsPersonModel {
  customerId: string;
  gclids: string[];
  memberships: AudienceMembership[];
  conversions: UploadedConversion[];
}

export type GoogleAdsClickModel = GoogleAdsClickRow;
export type GoogleAdsCampaignModel = CampaignMetrics;
export type GoogleAdsUploadedConversionModel = UploadedConversion;
