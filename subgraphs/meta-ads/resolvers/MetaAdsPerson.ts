import { META } from '../../../connectors/meta-ads/client.js';
import { estimateExposure } from '../../../connectors/meta-ads/mappers/estimate-exposure.js';
import { toDeliveryMetrics } from '../../../connectors/meta-ads/mappers/to-campaign-metrics.js';
import type { MetaLead } from '../../../connectors/meta-ads/schemas.js';
import { loadAll } from '../../shared/keyed-loader.js';
import { guardVendor } from '../../shared/upstream-error.js';
import type { MetaAdsPersonResolvers } from '../__generated__/resolvers-types.js';
import { cacheHint } from '../cache-hints.js';
import { TTL } from '../loaders.js';
import { parseWindow } from '../window.js';

export const MetaAdsPerson: MetaAdsPersonResolvers = {
  audiences: (person) => person.memberships,

  leads: async (person, _args, { loaders }, info) => {
    cacheHint(info, TTL.lead, 'PRIVATE');
    if (person.leadIds.length === 0) return [];
    const leads = await guardVendor(META, () => loadAll(loaders.leadById, person.leadIds));
    return leads.filter((lead): lead is MetaLead => lead !== null);
  },

  estimatedExposure: async (person, args, { loaders, now }, info) => {
    const window = parseWindow(args, now());
    cacheHint(info, TTL.insights, 'PRIVATE');
    // Nobody the hub placed in an audience: nothing to estimate, nothing to ask Meta.
    if (person.memberships.length === 0) return estimateExposure([], [], new Map(), window);
    const [adSets, rows] = await guardVendor(META, () => Promise.all([loaders.adSets.load(), loaders.adSetInsights.load(window)]));
    const metrics = new Map(rows.map((row) => toDeliveryMetrics(row, 'adset')).map((m) => [m.id, m]));
    return estimateExposure(person.memberships, adSets, metrics, window);
  },
};
