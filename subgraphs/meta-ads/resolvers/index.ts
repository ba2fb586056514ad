import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Customer } from './Customer.js';
import { MetaAdsPerson } from './MetaAdsPerson.js';
import { MetaLead } from './MetaLead.js';
import { metaCampaigns } from './Query.metaCampaigns.js';

export const resolvers: Resolvers = {
  Query: { metaCampaigns },
  Customer,
  MetaAdsPerson,
  MetaLead,
  MetaCampaignMetrics: {
    campaignId: (m) => m.id,
    campaignName: (m) => m.name ?? null,
  },
  MetaAdSetExposure: {
    adSetName: (e) => e.adSetName ?? null,
    campaignId: (e) => e.campaignId ?? null,
  },
};
