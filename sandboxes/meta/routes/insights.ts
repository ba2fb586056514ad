/**
 * Ad Insights: `GET /{act_id|campaign_id|adset_id|ad_id}/insights` with `fields`, `level`,
 * `date_preset` or `time_range`, `time_increment`, `filtering` on object ids, and cursor paging.
 * Every number is a string, as Meta sends them; rows without delivery are left out.
 * @see https://developers.facebook.com/docs/marketing-api/insights
 * @see https://developers.facebook.com/docs/marketing-api/reference/ad-account/insights
 */
import type { FastifyInstance } from 'fastify';
import { addDays, parseDateRange, type DateRange } from '../date-range.js';
import { invalidParameter, unsupportedRequest } from '../errors.js';
import { graphParams, parseFields } from '../graph-request.js';
import type { DeliveryTotals } from '../insights-data.js';
import { cursorPage } from '../paging.js';
import { findNode, type MetaAdSet, type MetaState } from '../state.js';
import type { MetaRouteContext, NodeParams } from './context.js';

const LEVELS = ['account', 'campaign', 'adset', 'ad'] as const;
type Level = (typeof LEVELS)[number];

export const INSIGHTS_FIELDS = [
  'account_id', 'account_name', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name',
  'objective', 'impressions', 'reach', 'frequency', 'spend', 'clicks', 'cpm', 'ctr', 'actions', 'date_start', 'date_stop',
] as const;
const DEFAULT_FIELDS = ['impressions', 'spend'];

interface Group {
  key: string;
  adSets: MetaAdSet[];
  names: Record<string, string>;
}

export function registerInsightsRoutes(app: FastifyInstance, ctx: MetaRouteContext): void {
  const { state } = ctx;

  app.get<{ Params: NodeParams }>('/:version/:node/insights', async (request) => {
    const node = findNode(state, request.params.node);
    const nodeLevel: Level | undefined =
      node?.kind === 'account' ? 'account' : node?.kind === 'campaign' ? 'campaign' : node?.kind === 'adset' ? 'adset' : node?.kind === 'ad' ? 'ad' : undefined;
    if (!node || !nodeLevel) throw unsupportedRequest('GET', request.params.node);
    const params = graphParams(request);

    const level = (params.level ?? nodeLevel) as Level;
    if (!LEVELS.includes(level)) throw invalidParameter(`level must be one of the following values: ${LEVELS.join(', ')}`);
    const fields = parseFields(params.fields) ?? DEFAULT_FIELDS;
    const unknown = fields.find((f) => !(INSIGHTS_FIELDS as readonly string[]).includes(f));
    if (unknown) throw invalidParameter(`fields[${fields.indexOf(unknown)}] must be one of the following values: ${INSIGHTS_FIELDS.join(', ')}`);
    const range = parseDateRange({ date_preset: params.date_preset, time_range: params.time_range }, ctx.today());

    let adSets = [...state.adSets.values()].filter((s) =>
      node.kind === 'campaign' ? s.campaignId === node.campaign.id : node.kind === 'adset' ? s.id === node.adSet.id : node.kind === 'ad' ? s.id === node.ad.adSetId : true,
    );
    adSets = adSets.filter(idFilter(state, params.filtering));
    // A level coarser than the node answers at the node's own level.
    const effective = LEVELS.indexOf(level) < LEVELS.indexOf(nodeLevel) ? nodeLevel : level;
    const groups = groupAdSets(state, adSets, effective);

    const rows: Record<string, unknown>[] = [];
    for (const bucket of buckets(range, params.time_increment)) {
      for (const group of groups) {
        const totals = ctx.insights.totals(group.adSets, bucket, ctx.today());
        if (totals.impressions === 0) continue;
        rows.push(present(group, totals, bucket, fields));
      }
    }
    return cursorPage(request, rows);
  });
}

function groupAdSets(state: MetaState, adSets: MetaAdSet[], level: Level): Group[] {
  const account = { account_id: state.adAccountId, account_name: 'Customer Graph Hub sandbox', account_currency: 'USD' };
  if (level === 'account') return adSets.length ? [{ key: state.adAccountId, adSets, names: account }] : [];
  const groups = new Map<string, Group>();
  for (const adSet of adSets) {
    const campaign = state.campaigns.get(adSet.campaignId)!;
    const base = { ...account, campaign_id: campaign.id, campaign_name: campaign.name, objective: campaign.objective };
    if (level === 'campaign') {
      const group: Group = groups.get(campaign.id) ?? { key: campaign.id, adSets: [], names: base };
      group.adSets.push(adSet);
      groups.set(campaign.id, group);
      continue;
    }
    const withAdSet = { ...base, adset_id: adSet.id, adset_name: adSet.name };
    if (level === 'adset') {
      groups.set(adSet.id, { key: adSet.id, adSets: [adSet], names: withAdSet });
      continue;
    }
    // One ad per ad set in the sandbox: an ad's delivery is its ad set's.
    for (const ad of [...state.ads.values()].filter((a) => a.adSetId === adSet.id)) {
      groups.set(ad.id, { key: ad.id, adSets: [adSet], names: { ...withAdSet, ad_id: ad.id, ad_name: ad.name } });
    }
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** `filtering=[{"field":"campaign.id"|"adset.id"|"ad.id","operator":"IN"|"EQUAL","value":...}]`. */
function idFilter(state: MetaState, raw: string | undefined): (adSet: MetaAdSet) => boolean {
  if (raw === undefined) return () => true;
  let rules: { field?: unknown; operator?: unknown; value?: unknown }[];
  try {
    rules = JSON.parse(raw) as typeof rules;
  } catch {
    throw invalidParameter('Param filtering must be a JSON array');
  }
  if (!Array.isArray(rules)) throw invalidParameter('Param filtering must be a JSON array');
  const checks = rules.map((rule) => {
    const values = (Array.isArray(rule.value) ? rule.value : [rule.value]).map(String);
    if (rule.operator !== 'IN' && rule.operator !== 'EQUAL') throw invalidParameter(`Filtering operator ${String(rule.operator)} is not supported by the sandbox`);
    if (rule.field === 'campaign.id') return (s: MetaAdSet) => values.includes(s.campaignId);
    if (rule.field === 'adset.id') return (s: MetaAdSet) => values.includes(s.id);
    if (rule.field === 'ad.id') return (s: MetaAdSet) => values.some((id) => state.ads.get(id)?.adSetId === s.id);
    throw invalidParameter(`Filtering field ${String(rule.field)} is not supported by the sandbox`);
  });
  return (adSet) => checks.every((check) => check(adSet));
}

/** The reporting periods: the whole window, or slices of `time_increment` days or months. */
function buckets(range: DateRange, increment: string | undefined): DateRange[] {
  if (increment === undefined || increment === 'all_days') return [range];
  const out: DateRange[] = [];
  if (increment === 'monthly') {
    for (let since = range.since; since <= range.until; ) {
      const monthEnd = addDays(`${addMonth(since.slice(0, 7))}-01`, -1);
      const until = monthEnd < range.until ? monthEnd : range.until;
      out.push({ since, until });
      since = addDays(until, 1);
    }
    return out;
  }
  const days = Number(increment);
  if (!Number.isInteger(days) || days < 1 || days > 90) throw invalidParameter('time_increment must be all_days, monthly or a number of days from 1 to 90');
  for (let since = range.since; since <= range.until; since = addDays(since, days)) {
    const end = addDays(since, days - 1);
    out.push({ since, until: end < range.until ? end : range.until });
  }
  return out;
}

const addMonth = (yearMonth: string) => {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

function present(group: Group, t: DeliveryTotals, range: DateRange, fields: string[]) {
  const spend = t.spendCents / 100;
  const actions = [
    { action_type: 'link_click', value: t.clicks },
    { action_type: 'lead', value: t.leads },
    { action_type: 'offsite_conversion.fb_pixel_purchase', value: t.purchases },
  ]
    .filter((a) => a.value > 0)
    .map((a) => ({ action_type: a.action_type, value: String(a.value) }));
  const all: Record<string, unknown> = {
    ...group.names,
    impressions: String(t.impressions),
    reach: String(t.reach),
    frequency: (t.impressions / t.reach).toFixed(6),
    spend: spend.toFixed(2),
    clicks: String(t.clicks),
    cpm: ((spend / t.impressions) * 1000).toFixed(6),
    ctr: ((t.clicks / t.impressions) * 100).toFixed(6),
    actions: actions.length > 0 ? actions : undefined,
  };
  const row: Record<string, unknown> = {};
  for (const field of fields) if (all[field] !== undefined) row[field] = all[field];
  // Meta answers the reporting period on every row.
  row.date_start = range.since;
  row.date_stop = range.until;
  return row;
}
