/**
 * Links to records in the HubSpot app: `https://{uiDomain}/contacts/{portalId}/record/{objectTypeId}/{id}`
 * (the domain differs for EU-hosted portals, hence read from the account's details).
 * @see https://knowledge.hubspot.com/records/get-started-with-records
 */
import { OBJECT_TYPE_IDS, type HubSpotObjectType } from '../../connectors/hubspot/schemas.js';

export const recordUrl = (account: { portalId: number; uiDomain: string }, type: HubSpotObjectType, id: string) =>
  `https://${account.uiDomain}/contacts/${account.portalId}/record/${OBJECT_TYPE_IDS[type]}/${id}`;
