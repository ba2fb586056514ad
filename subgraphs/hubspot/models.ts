/** What each GraphQL type of this subgraph resolves from (codegen mappers). */
import type { HubSpotObject, HubSpotOwner, PublicStatus, HubSpotEngagementType as EngagementObjectType } from '../../connectors/hubspot/schemas.js';

/** A contact as HubSpot returned it. */
export type HubSpotContactModel = HubSpotObject;
export type HubSpotDealModel = HubSpotObject;
export type HubSpotOwnerModel = HubSpotOwner;
export interface HubSpotEngagementModel {
  type: EngagementObjectType;
  record: HubSpotObject;
}
export interface HubSpotSubscriptionStatusModel {
  status: PublicStatus;
  name: string;
}
export interface HubSpotPropertyModel {
  name: string;
  value: string | null;
}
