import { META } from '../../../connectors/meta-ads/client.js';
import { toDeliveryMetrics } from '../../../connectors/meta-ads/mappers/to-campaign-metrics.js';
import { guardVendor } from '../../shared/upstream-error.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { cacheHint } from '../cache-hints.js';
import { TTL } from '../loaders.js';
import { parseWindow } from '../window.js';

export const metaCampaigns: QueryResolvers['metaCampaigns'] = async (_parent, args, { loaders, now }, info) => {
  const window = parseWindow(args, now());
  cacheHint(info, TTL.insights, 'PUBLIC');
  const rows = await guardVendor(META, () => loaders.campaignInsights.load(window));
  return rows.map((row) => toDeliveryMetrics(row, 'campaign')).sort((a, b) => a.id.localeCompare(b.id));
};
