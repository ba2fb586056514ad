/**
 * Ad Insights and ad sets: delivery metrics (impressions, reach, frequency, spend, clicks,
 * actions) per campaign or ad set over a date range, every page read; the ad sets with the custom
 * audiences their targeting reaches; and adding an audience to an ad set's targeting.
 * @see https://developers.facebook.com/docs/marketing-api/insights
 * @see https://developers.facebook.com/docs/marketing-api/reference/ad-account/adsets
 * @see https://developers.facebook.com/docs/marketing-api/reference/ad-campaign/#Updating
 */
import { parseVendorPayload } from '../http/parse.js';
import type { RequestOptions } from '../http/vendor-http.js';
import { META, type MetaGraph } from './graph-http.js';
import { MetaAdSetSchema, MetaInsightsRowSchema, type MetaAdSet, type MetaInsightsRow } from './schemas.js';

export interface DateWindow {
  /** Inclusive dates, `YYYY-MM-DD`, in the ad account's time zone. */
  since: string;
  until: string;
}

export const INSIGHTS_FIELDS = {
  campaign: ['campaign_id', 'campaign_name', 'impressions', 'reach', 'frequency', 'spend', 'clicks', 'actions', 'account_currency'],
  adset: ['adset_id', 'adset_name', 'campaign_id', 'impressions', 'reach', 'frequency', 'spend', 'clicks', 'actions', 'account_currency'],
} as const;

export interface MetaInsightsApi {
  /** `call` bounds an interactive read (a deadline, fewer retries); background readers leave it out. */
  insights(level: 'campaign' | 'adset', window: DateWindow, options?: { pageSize?: number; call?: RequestOptions }): Promise<MetaInsightsRow[]>;
  listAdSets(call?: RequestOptions): Promise<MetaAdSet[]>;
  /** Adds a custom audience to an ad set's targeting, keeping the rest of its targeting. */
  targetAudience(adSetId: string, audienceId: string): Promise<void>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createInsightsApi(graph: MetaGraph, adAccountId: string): MetaInsightsApi {
  const account = adAccountId.startsWith('act_') ? adAccountId : `act_${adAccountId}`;
  return {
    async insights(level, window, options = {}) {
      if (!DATE.test(window.since) || !DATE.test(window.until) || window.since > window.until) {
        throw new RangeError(`invalid insights window ${window.since}..${window.until}`);
      }
      const rows: MetaInsightsRow[] = [];
      const params = {
        level,
        fields: INSIGHTS_FIELDS[level].join(','),
        time_range: JSON.stringify({ since: window.since, until: window.until }),
        limit: options.pageSize ?? 100,
      };
      for await (const page of graph.pages(`insights.${level}`, `/${account}/insights`, MetaInsightsRowSchema, params, options.call)) rows.push(...page);
      return rows;
    },

    async listAdSets(call) {
      const adSets: MetaAdSet[] = [];
      for await (const page of graph.pages('adsets.list', `/${account}/adsets`, MetaAdSetSchema, {
        fields: 'id,name,campaign_id,targeting{custom_audiences}',
        limit: 200,
      }, call)) {
        adSets.push(...page);
      }
      return adSets;
    },

    async targetAudience(adSetId, audienceId) {
      const body = await graph.request('adsets.get', { method: 'GET', url: `/${adSetId}`, params: { fields: 'id,targeting' } });
      const adSet = parseVendorPayload(META, 'adsets.get', MetaAdSetSchema, body);
      const targeting = adSet.targeting ?? {};
      const audiences = targeting.custom_audiences ?? [];
      if (audiences.some((a) => a.id === audienceId)) return;
      await graph.request('adsets.update', {
        method: 'POST',
        url: `/${adSetId}`,
        data: new URLSearchParams({ targeting: JSON.stringify({ ...targeting, custom_audiences: [...audiences, { id: audienceId }] }) }),
      });
    },
  };
}
