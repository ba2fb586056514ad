import type { HubSpotContact } from '../../connectors/hubspot/schemas.js';

export type HubSpotContactModel = HubSpotContact;
