import { graphTimeToIso } from '../../../connectors/meta-ads/mappers/lead-time.js';
import { leadField } from '../../../connectors/meta-ads/mappers/to-identity-observation.js';
import type { MetaLeadResolvers } from '../__generated__/resolvers-types.js';

export const MetaLead: MetaLeadResolvers = {
  formId: (l) => l.form_id ?? null,
  adId: (l) => l.ad_id ?? null,
  adSetId: (l) => l.adset_id ?? null,
  campaignId: (l) => l.campaign_id ?? null,
  campaignName: (l) => l.campaign_name ?? null,
  createdTime: (l) => graphTimeToIso(l.created_time),
  isOrganic: (l) => l.is_organic ?? null,
  email: (l) => leadField(l, 'email') ?? null,
  fullName: (l) => leadField(l, 'full_name') ?? null,
  phone: (l) => leadField(l, 'phone_number') ?? null,
};
