/**
 * The rows each FROM resource yields, flat and keyed by GAQL field names, before filtering.
 * Metric rows are produced per campaign (and per day when `segments.date` is selected) over the
 * requested range; reading an offline user data job advances its processing, as polling does.
 */
import { advanceJob } from './customer-match-jobs.js';
import { daysOf, type DateRange } from './gaql-dates.js';
import type { GoogleAdsState, SandboxCampaign, SandboxUserList } from './state.js';
import { dayClicks, dayMetrics, rangeMetrics, reach, type DayMetrics } from './traffic.js';

export type RowValue = string | number | boolean;
export type GaqlRow = Record<string, RowValue | undefined>;

export interface RowContext {
  state: GoogleAdsState;
  today: string;
  /** The range the `segments.date` filters allow; undefined when there are none. */
  range: DateRange | undefined;
  segmentedByDate: boolean;
  /** Whether any metric is selected or filtered on. */
  withMetrics: boolean;
  /**
   * The gclids a `click_view.gclid = / IN` condition allows, when there is one: rows are built only
   * for them (the WHERE filter still runs after, so the answer is the same, without building a row
   * for every click of the day).
   */
  gclids?: ReadonlySet<string> | undefined;
}

const customerRow = (state: GoogleAdsState): GaqlRow => ({
  'customer.resource_name': `customers/${state.customerId}`,
  'customer.id': state.customerId,
  'customer.descriptive_name': 'Demo Store (sandbox)',
  'customer.currency_code': 'USD',
  'customer.time_zone': 'Etc/UTC',
  'customer.manager': false,
});

const campaignRow = (state: GoogleAdsState, c: SandboxCampaign): GaqlRow => ({
  'campaign.resource_name': `customers/${state.customerId}/campaigns/${c.id}`,
  'campaign.id': c.id,
  'campaign.name': c.name,
  'campaign.status': 'ENABLED',
  'campaign.advertising_channel_type': c.channel,
});

function metricsRow(state: GoogleAdsState, c: SandboxCampaign, m: DayMetrics): GaqlRow {
  const r = reach(state, c, m.impressions);
  return {
    'metrics.impressions': m.impressions,
    'metrics.clicks': m.clicks,
    'metrics.cost_micros': m.costMicros,
    'metrics.conversions': m.conversions,
    // Not reported for Search: the fields are absent, as Google omits metrics it does not have.
    'metrics.unique_users': r?.uniqueUsers,
    'metrics.average_impression_frequency_per_user': r?.frequency,
  };
}

function campaignRows(ctx: RowContext): GaqlRow[] {
  const { state, today } = ctx;
  const base = (c: SandboxCampaign) => ({ ...customerRow(state), ...campaignRow(state, c) });
  if (!ctx.withMetrics && !ctx.segmentedByDate) return state.campaigns.map(base);
  const rows: GaqlRow[] = [];
  for (const c of state.campaigns) {
    const range = ctx.range ?? { from: c.startDate, to: today };
    if (ctx.segmentedByDate) {
      for (const day of daysOf(range)) {
        rows.push({ ...base(c), ...metricsRow(state, c, dayMetrics(state, c, day, today)), 'segments.date': day });
      }
    } else {
      rows.push({ ...base(c), ...metricsRow(state, c, rangeMetrics(state, c, range, today)) });
    }
  }
  return rows;
}

function clickViewRows(ctx: RowContext): GaqlRow[] {
  const { state, today, range } = ctx;
  const rows: GaqlRow[] = [];
  for (const day of range ? daysOf(range) : []) {
    for (const c of state.campaigns) {
      for (const click of dayClicks(state, c, day, today)) {
        if (ctx.gclids && !ctx.gclids.has(click.gclid)) continue;
        rows.push({
          ...customerRow(state),
          ...campaignRow(state, c),
          'click_view.resource_name': `customers/${state.customerId}/clickViews/${day}~${click.gclid}`,
          'click_view.gclid': click.gclid,
          'click_view.ad_group_ad': `customers/${state.customerId}/adGroupAds/${c.adGroupId}~${c.adGroupId.slice(-6)}`,
          'ad_group.resource_name': `customers/${state.customerId}/adGroups/${c.adGroupId}`,
          'ad_group.id': c.adGroupId,
          'segments.date': day,
          'metrics.clicks': 1,
        });
      }
    }
  }
  return rows;
}

/** Google sizes a list by the matched users it may use; without consent a user is not counted. */
export function listSize(state: GoogleAdsState, list: SandboxUserList): number {
  if (list.type === 'RULE_BASED') return Math.round(1_200 * state.scale);
  return list.members.filter((m) => m.matched && m.consent.adUserData !== 'DENIED' && m.consent.adPersonalization !== 'DENIED').length;
}

function userListRows(ctx: RowContext): GaqlRow[] {
  const { state } = ctx;
  return [...state.userLists.values()].map((list) => {
    const size = listSize(state, list);
    const uploaded = list.members.length;
    return {
      ...customerRow(state),
      'user_list.resource_name': `customers/${state.customerId}/userLists/${list.id}`,
      'user_list.id': list.id,
      'user_list.name': list.name,
      'user_list.description': list.description,
      'user_list.type': list.type,
      'user_list.membership_status': 'OPEN',
      'user_list.membership_life_span': list.membershipLifeSpan,
      'user_list.size_for_display': size,
      'user_list.size_for_search': size,
      'user_list.match_rate_percentage':
        list.type === 'CRM_BASED' && uploaded > 0 ? Math.round((100 * list.members.filter((m) => m.matched).length) / uploaded) : undefined,
      'user_list.crm_based_user_list.upload_key_type': list.uploadKeyType,
      'user_list.crm_based_user_list.data_source_type': list.dataSourceType,
    };
  });
}

function jobRows(ctx: RowContext): GaqlRow[] {
  const { state } = ctx;
  return [...state.jobs.values()].map((job) => {
    advanceJob(state, job);
    return {
      ...customerRow(state),
      'offline_user_data_job.resource_name': `customers/${state.customerId}/offlineUserDataJobs/${job.id}`,
      'offline_user_data_job.id': job.id,
      'offline_user_data_job.type': 'CUSTOMER_MATCH_USER_LIST',
      'offline_user_data_job.status': job.status,
      'offline_user_data_job.failure_reason': job.status === 'FAILED' ? 'UNKNOWN' : 'UNSPECIFIED',
      'offline_user_data_job.customer_match_user_list_metadata.user_list': `customers/${state.customerId}/userLists/${job.userListId}`,
      'offline_user_data_job.operation_metadata.match_rate_range': job.matchRateRange,
    };
  });
}

function conversionActionRows(ctx: RowContext): GaqlRow[] {
  const { state } = ctx;
  return state.conversionActions.map((a) => ({
    ...customerRow(state),
    'conversion_action.resource_name': `customers/${state.customerId}/conversionActions/${a.id}`,
    'conversion_action.id': a.id,
    'conversion_action.name': a.name,
    'conversion_action.type': a.type,
    'conversion_action.status': a.status,
  }));
}

function campaignCriterionRows(ctx: RowContext): GaqlRow[] {
  const { state } = ctx;
  const campaigns = new Map(state.campaigns.map((c) => [c.id, c]));
  return state.criteria.map((cc) => ({
    ...customerRow(state),
    ...campaignRow(state, campaigns.get(cc.campaignId)!),
    'campaign_criterion.resource_name': `customers/${state.customerId}/campaignCriteria/${cc.campaignId}~${cc.criterionId}`,
    'campaign_criterion.campaign': `customers/${state.customerId}/campaigns/${cc.campaignId}`,
    'campaign_criterion.criterion_id': cc.criterionId,
    'campaign_criterion.type': 'USER_LIST',
    'campaign_criterion.user_list.user_list': `customers/${state.customerId}/userLists/${cc.userListId}`,
  }));
}

export const ROW_PROVIDERS: Readonly<Record<string, (ctx: RowContext) => GaqlRow[]>> = {
  customer: (ctx) => [customerRow(ctx.state)],
  campaign: campaignRows,
  click_view: clickViewRows,
  user_list: userListRows,
  offline_user_data_job: jobRows,
  conversion_action: conversionActionRows,
  campaign_criterion: campaignCriterionRows,
};
