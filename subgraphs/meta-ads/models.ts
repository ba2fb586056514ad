import type { AudienceMembership } from '../../connectors/unified/contracts.js';
import type { ExposureEstimate, AdSetExposure } from '../../connectors/meta-ads/mappers/estimate-exposure.js';
import type { MetaDeliveryMetrics } from '../../connectors/meta-ads/mappers/to-campaign-metrics.js';
import type { MetaLead } from '../../connectors/meta-ads/schemas.js';

export type MetaLeadModel = MetaLead;

/** What `Customer.metaAds` resolves to; its fields read Meta only when a query selects them. */
export interface MetaAdsPersonModel {
  customerId: string;
  leadIds: string[];
  memberships: AudienceMembership[];
}

export type MetaAudienceMembershipModel = AudienceMembership;
export type MetaExposureEstimateModel = ExposureEstimate;
export type MetaAdSetExposureModel = AdSetExposure;
export type MetaCampaignMetricsModel = MetaDeliveryMetrics;
