/**
 * The GAQL fields the sandbox knows, with their proto types (which decide their JSON form:
 * int64 as strings, double and int32 as numbers, enums as names), and which fields each FROM
 * resource may select: its own and its attributed/segmenting resources, its metrics and segments.
 * @see https://developers.google.com/google-ads/api/fields/v26/overview
 */
export type FieldType = 'int64' | 'int32' | 'double' | 'string' | 'enum' | 'date' | 'bool';

export const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  'customer.resource_name': 'string',
  'customer.id': 'int64',
  'customer.descriptive_name': 'string',
  'customer.currency_code': 'string',
  'customer.time_zone': 'string',
  'customer.manager': 'bool',

  'campaign.resource_name': 'string',
  'campaign.id': 'int64',
  'campaign.name': 'string',
  'campaign.status': 'enum',
  'campaign.advertising_channel_type': 'enum',

  'ad_group.resource_name': 'string',
  'ad_group.id': 'int64',

  'click_view.resource_name': 'string',
  'click_view.gclid': 'string',
  'click_view.ad_group_ad': 'string',

  'user_list.resource_name': 'string',
  'user_list.id': 'int64',
  'user_list.name': 'string',
  'user_list.description': 'string',
  'user_list.type': 'enum',
  'user_list.membership_status': 'enum',
  'user_list.membership_life_span': 'int64',
  'user_list.size_for_display': 'int64',
  'user_list.size_for_search': 'int64',
  'user_list.match_rate_percentage': 'int32',
  'user_list.crm_based_user_list.upload_key_type': 'enum',
  'user_list.crm_based_user_list.data_source_type': 'enum',

  'offline_user_data_job.resource_name': 'string',
  'offline_user_data_job.id': 'int64',
  'offline_user_data_job.type': 'enum',
  'offline_user_data_job.status': 'enum',
  'offline_user_data_job.failure_reason': 'enum',
  'offline_user_data_job.customer_match_user_list_metadata.user_list': 'string',
  'offline_user_data_job.operation_metadata.match_rate_range': 'enum',

  'conversion_action.resource_name': 'string',
  'conversion_action.id': 'int64',
  'conversion_action.name': 'string',
  'conversion_action.type': 'enum',
  'conversion_action.status': 'enum',

  'campaign_criterion.resource_name': 'string',
  'campaign_criterion.campaign': 'string',
  'campaign_criterion.criterion_id': 'int64',
  'campaign_criterion.type': 'enum',
  'campaign_criterion.user_list.user_list': 'string',

  'segments.date': 'date',

  'metrics.impressions': 'int64',
  'metrics.clicks': 'int64',
  'metrics.cost_micros': 'int64',
  'metrics.conversions': 'double',
  'metrics.unique_users': 'int64',
  'metrics.average_impression_frequency_per_user': 'double',
};

export interface ResourceSchema {
  /** Resources whose attributes may be selected with this FROM resource (itself first). */
  resources: readonly string[];
  metrics: readonly string[];
  segments: readonly string[];
}

export const RESOURCE_SCHEMAS: Readonly<Record<string, ResourceSchema>> = {
  customer: { resources: ['customer'], metrics: [], segments: [] },
  campaign: {
    resources: ['campaign', 'customer'],
    metrics: [
      'metrics.impressions',
      'metrics.clicks',
      'metrics.cost_micros',
      'metrics.conversions',
      'metrics.unique_users',
      'metrics.average_impression_frequency_per_user',
    ],
    segments: ['segments.date'],
  },
  click_view: {
    resources: ['click_view', 'campaign', 'ad_group', 'customer'],
    metrics: ['metrics.clicks'],
    segments: ['segments.date'],
  },
  user_list: { resources: ['user_list', 'customer'], metrics: [], segments: [] },
  offline_user_data_job: { resources: ['offline_user_data_job', 'customer'], metrics: [], segments: [] },
  conversion_action: { resources: ['conversion_action', 'customer'], metrics: [], segments: [] },
  campaign_criterion: { resources: ['campaign_criterion', 'campaign', 'customer'], metrics: [], segments: [] },
};

/**
 * Metrics Google computes over the whole requested range (they cannot be summed across days),
 * available for ranges of at most 92 days.
 */
export const REACH_METRICS: ReadonlySet<string> = new Set([
  'metrics.unique_users',
  'metrics.average_impression_frequency_per_user',
]);
export const REACH_MAX_DAYS = 92;

/** click_view answers one day per query, no further back than 90 days. */
export const CLICK_VIEW_LOOKBACK_DAYS = 90;

/** `campaign` for `campaign.name`, `metrics` for `metrics.clicks`. */
export const resourceOf = (field: string): string => field.split('.')[0]!;
