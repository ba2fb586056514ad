import { META } from '../../connectors/meta-ads/client.js';
import type { MetaLead } from '../../connectors/meta-ads/schemas.js';
import { loadAll } from '../shared/keyed-loader.js';
import { guardVendor } from '../shared/upstream-error.js';
import { identityValues } from '../shared/customer-reference.js';
import type { Resolvers } from './__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Customer: {
    metaAds: async (customer, _args, { loaders }) => {
      const leadIds = identityValues(customer, 'META_LEAD');
      if (leadIds.length === 0) return null;
      const leads = await guardVendor(META, () => loadAll(loaders.leadById, leadIds));
      return { leads: leads.filter((lead): lead is MetaLead => lead !== null) };
    },
  },
  MetaLead: {
    formId: (l) => l.form_id ?? null,
    adId: (l) => l.ad_id ?? null,
    campaignId: (l) => l.campaign_id ?? null,
    createdTime: (l) => new Date(l.created_time.replace(/\+0000$/, 'Z')).toISOString(),
  },
};
