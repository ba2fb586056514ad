/**
 * The Google Ads reads the hub needs, each one GAQL query (or one per day where Google insists):
 * campaign metrics over a window (with reach and frequency where Google reports them), clicks
 * by gclid, Customer Match lists and which campaigns target them.
 * @see https://developers.google.com/google-ads/api/fields/v26/campaign
 * @see https://developers.google.com/google-ads/api/fields/v26/click_view
 */
import { z } from 'zod';
import { addDays, daysOf, windowDays, type DateWindow } from './dates.js';
import { dateFilter, idList, list, literal } from './gaql.js';
import { mapLimit } from './map-limit.js';
import { toCampaignMetrics, type CampaignMetrics } from './mappers/to-campaign-metrics.js';
import { CampaignCriterionRowSchema, CampaignMetricsRowSchema, ClickRowSchema, UserListRowSchema, type GoogleAdsClickRow, type UserListRow } from './schemas.js';
import { parseRows, type GoogleAdsTransport } from './transport.js';

/** Google reports unique users and frequency for windows of at most 92 days. */
export const REACH_MAX_DAYS = 92;
/** click_view answers one day per query, back to 90 days before the request. */
export const CLICK_LOOKBACK_DAYS = 90;
/** Keeps GAQL `IN (...)` lists well under the query length limit. */
export const GCLID_BATCH = 500;
/**
 * Days of click_view queried at once: enough for the default 7-day window to cost one round trip
 * (a wave of 4 made a cold customer read wait for two), well under Google's per-token QPS.
 */
const DAY_CONCURRENCY = 8;

export interface ListTargeting {
  campaignId: string;
  userListId: string;
}

const CurrencyRowSchema = z.object({ customer: z.object({ currencyCode: z.string() }).optional() });

export function createReads(transport: GoogleAdsTransport, today: () => string) {
  const collect = async (operation: string, query: string) => {
    const rows: Record<string, unknown>[] = [];
    for await (const page of transport.search(operation, query)) rows.push(...page);
    return rows;
  };

  /** The oldest day click_view still answers for, counted with a day of margin for time zones. */
  const clickHorizon = () => addDays(today(), -(CLICK_LOOKBACK_DAYS - 1));

  return {
    /** Every campaign that served in the window, with reach and frequency when the window allows. */
    async campaignMetrics(window: DateWindow): Promise<CampaignMetrics[]> {
      const reach = windowDays(window) <= REACH_MAX_DAYS ? ', metrics.unique_users, metrics.average_impression_frequency_per_user' : '';
      const query =
        'SELECT customer.currency_code, campaign.id, campaign.name, campaign.advertising_channel_type, metrics.impressions, metrics.clicks, ' +
        `metrics.cost_micros, metrics.conversions${reach} FROM campaign WHERE ${dateFilter(window)} ORDER BY campaign.id`;
      const rows = await collect('campaigns.metrics', query);
      return rows.map((row) => {
        const currency = CurrencyRowSchema.safeParse(row).data?.customer?.currencyCode ?? 'USD';
        return toCampaignMetrics(parseRows('campaigns.metrics', CampaignMetricsRowSchema, [row])[0]!, window, currency);
      });
    },

    /** One day of click_view, page by page (the sync's unit of work). */
    async *clicksOnDay(day: string): AsyncGenerator<GoogleAdsClickRow[]> {
      const query = `SELECT click_view.gclid, campaign.id, campaign.name, ad_group.id, segments.date FROM click_view WHERE segments.date = '${day}'`;
      for await (const page of transport.search('clicks.byDay', query)) yield parseRows('clicks.byDay', ClickRowSchema, page);
    },

    /**
     * The clicks of these gclids within the window. Google answers click_view one day per query,
     * so this costs one call per day of the window (older than 90 days is not asked for),
     * whatever the number of gclids.
     */
    async clicksByGclid(gclids: readonly string[], window: DateWindow): Promise<GoogleAdsClickRow[]> {
      const since = window.since < clickHorizon() ? clickHorizon() : window.since;
      const until = window.until > today() ? today() : window.until;
      if (gclids.length === 0 || since > until) return [];
      const days = [...daysOf({ since, until })];
      const chunks: string[][] = [];
      for (let i = 0; i < gclids.length; i += GCLID_BATCH) chunks.push(gclids.slice(i, i + GCLID_BATCH));
      const perDay = await mapLimit(days, DAY_CONCURRENCY, async (day) => {
        const rows: GoogleAdsClickRow[] = [];
        for (const chunk of chunks) {
          const query = `SELECT click_view.gclid, campaign.id, campaign.name, ad_group.id, segments.date FROM click_view WHERE segments.date = '${day}' AND click_view.gclid IN ${list(chunk)}`;
          rows.push(...parseRows('clicks.byGclid', ClickRowSchema, await collect('clicks.byGclid', query)));
        }
        return rows;
      });
      return perDay.flat();
    },

    async userLists(ids: readonly string[]): Promise<UserListRow[]> {
      if (ids.length === 0) return [];
      const query =
        'SELECT user_list.resource_name, user_list.id, user_list.name, user_list.description, user_list.type, user_list.membership_status, ' +
        `user_list.membership_life_span, user_list.size_for_display, user_list.size_for_search, user_list.match_rate_percentage FROM user_list WHERE user_list.id IN ${idList(ids)}`;
      return parseRows('userLists.byId', UserListRowSchema, await collect('userLists.byId', query)).map((r) => r.userList);
    },

    async userListByName(name: string): Promise<UserListRow | undefined> {
      const query = `SELECT user_list.resource_name, user_list.id, user_list.name, user_list.type FROM user_list WHERE user_list.name = ${literal(name)} AND user_list.type = 'CRM_BASED'`;
      return parseRows('userLists.byName', UserListRowSchema, await collect('userLists.byName', query))[0]?.userList;
    },

    /** Which campaigns target which user lists (the marketer's setup in Google Ads). */
    async listTargeting(): Promise<ListTargeting[]> {
      const query = "SELECT campaign.id, campaign_criterion.user_list.user_list FROM campaign_criterion WHERE campaign_criterion.type = 'USER_LIST'";
      return parseRows('campaigns.listTargeting', CampaignCriterionRowSchema, await collect('campaigns.listTargeting', query)).flatMap((row) => {
        const list = row.campaignCriterion.userList?.userList.split('/').at(-1);
        return list ? [{ campaignId: row.campaign.id, userListId: list }] : [];
      });
    },
  };
}

export type GoogleAdsReads = ReturnType<typeof createReads>;
