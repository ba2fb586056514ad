/**
 * HubSpot's URL paths per API version. The legacy semantic versions (`/crm/v3`, `/crm/v4`,
 * `/communication-preferences/v4`) work until September 2027; the date-based `2026-09` release
 * serves the same shapes under new prefixes. Owners, account info and subscription definitions
 * stay on their v3 paths, which both versions share.
 * @see https://developers.hubspot.com/docs/api-reference/latest/overview
 * @see https://developers.hubspot.com/docs/api-reference/legacy/migration-guide
 */
import type { HubSpotConnection } from '../../config/env.js';
import type { HubSpotObjectType } from './schemas.js';

export type HubSpotApiVersion = HubSpotConnection['apiVersion'];

export interface HubSpotPaths {
  objects(type: HubSpotObjectType): string;
  associationsBatchRead(from: HubSpotObjectType, to: HubSpotObjectType): string;
  associationsOf(from: HubSpotObjectType, id: string, to: HubSpotObjectType): string;
  statuses(subpath: string): string;
  definitions: string;
  owners: string;
  accountDetails: string;
}

export function hubSpotPaths(version: HubSpotApiVersion): HubSpotPaths {
  const dated = version !== 'v3';
  const objects = (type: HubSpotObjectType) => (dated ? `/crm/objects/${version}/${type}` : `/crm/v3/objects/${type}`);
  return {
    objects,
    associationsBatchRead: (from, to) => (dated ? `/crm/associations/${version}/${from}/${to}/batch/read` : `/crm/v4/associations/${from}/${to}/batch/read`),
    associationsOf: (from, id, to) =>
      dated ? `${objects(from)}/${encodeURIComponent(id)}/associations/${to}` : `/crm/v4/objects/${from}/${encodeURIComponent(id)}/associations/${to}`,
    statuses: (subpath) => `/communication-preferences/${dated ? version : 'v4'}/statuses/${subpath}`,
    definitions: '/communication-preferences/v3/definitions',
    owners: '/crm/v3/owners',
    accountDetails: '/account-info/v3/details',
  };
}
