import type { MetaLead } from '../../connectors/meta-ads/schemas.js';

export type MetaLeadModel = MetaLead;
