import { GOOGLE_ADS } from '../../connectors/google-ads/client.js';
import { loadAll } from '../shared/keyed-loader.js';
import { guardVendor } from '../shared/upstream-error.js';
import { identityValues } from '../shared/customer-reference.js';
import type { Resolvers } from './__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  Customer: {
    googleAds: async (customer, _args, { loaders }) => {
      const gclids = identityValues(customer, 'GCLID');
      if (gclids.length === 0) return null;
      const groups = await guardVendor(GOOGLE_ADS, () => loadAll(loaders.clicksByGclid, gclids));
      const clicks = groups.flat().map((row) => ({
        gclid: row.clickView.gclid,
        campaignId: row.campaign.id,
        campaignName: row.campaign.name ?? null,
        adGroupId: row.adGroup?.id ?? null,
        date: row.segments.date,
      }));
      return { clicks: clicks.sort((a, b) => b.date.localeCompare(a.date)) };
    },
  },
};
