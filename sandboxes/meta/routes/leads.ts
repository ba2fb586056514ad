/**
 * Lead Ads: a page's forms, a form's (or an ad's) leads with `filtering` on `time_created`, leads
 * by id (one, or up to 50 with `?ids=`), and test leads, which like real leads send the webhook.
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
 * @see https://developers.facebook.com/docs/graph-api/reference/lead-gen-form/leads/
 */
import type { FastifyInstance } from 'fastify';
import type { DemoLead } from '../../demo-world/world.js';
import { GraphRequestError, invalidParameter, unsupportedRequest } from '../errors.js';
import { graphParams, selectFields } from '../graph-request.js';
import { cursorPage } from '../paging.js';
import { findNode, type MetaState } from '../state.js';
import { leadgenNotification, webhookHeaders } from '../webhooks.js';
import type { MetaRouteContext, NodeParams } from './context.js';

const LEAD_DEFAULT_FIELDS = ['created_time', 'id', 'field_data'];

export function presentLead(state: MetaState, lead: DemoLead) {
  const campaign = state.campaigns.get(lead.campaignId);
  const adSet = state.adSets.get(lead.adsetId);
  const ad = state.ads.get(lead.adId);
  return {
    id: lead.leadId,
    // Graph API timestamps carry a +0000 offset rather than Z.
    created_time: lead.createdTime.replace(/\.\d{3}Z$/, '+0000'),
    ad_id: lead.adId,
    ad_name: ad?.name,
    adset_id: lead.adsetId,
    adset_name: adSet?.name,
    campaign_id: lead.campaignId,
    campaign_name: campaign?.name,
    form_id: lead.formId,
    field_data: [
      { name: 'email', values: [lead.email] },
      { name: 'full_name', values: [lead.fullName] },
      ...(lead.phone ? [{ name: 'phone_number', values: [lead.phone] }] : []),
    ],
    is_organic: false,
    platform: 'fb',
    custom_disclaimer_responses: [],
  };
}

export const leadFields = (state: MetaState, lead: DemoLead, fields: string | undefined) =>
  selectFields(presentLead(state, lead), fields, LEAD_DEFAULT_FIELDS, 'Lead');

/** `filtering=[{"field":"time_created","operator":"GREATER_THAN","value":<unix seconds>}]`. */
function leadFilter(raw: string | undefined): (lead: DemoLead) => boolean {
  if (raw === undefined) return () => true;
  let rules: unknown;
  try {
    rules = JSON.parse(raw);
  } catch {
    throw invalidParameter('Param filtering must be a JSON array');
  }
  if (!Array.isArray(rules)) throw invalidParameter('Param filtering must be a JSON array');
  const checks = rules.map((rule: { field?: unknown; operator?: unknown; value?: unknown }) => {
    const value = Number(rule.value);
    if (rule.field !== 'time_created' || !Number.isFinite(value)) {
      throw invalidParameter(`Filtering field ${String(rule.field)} is not supported on leads; use time_created with a unix time`);
    }
    const at = (lead: DemoLead) => Math.floor(Date.parse(lead.createdTime) / 1000);
    if (rule.operator === 'GREATER_THAN') return (lead: DemoLead) => at(lead) > value;
    if (rule.operator === 'LESS_THAN') return (lead: DemoLead) => at(lead) < value;
    throw invalidParameter(`Filtering operator ${String(rule.operator)} is not supported on time_created`);
  });
  return (lead) => checks.every((check) => check(lead));
}

export function registerLeadRoutes(app: FastifyInstance, ctx: MetaRouteContext): void {
  const { state } = ctx;
  // Leads per form and per ad in creation order, rebuilt when a lead is added (100k-people worlds page fast).
  let index: { size: number; byKey: Map<string, DemoLead[]> } | undefined;
  const leadsOf = (key: string): DemoLead[] => {
    if (index?.size !== state.leads.size) {
      const byKey = new Map<string, DemoLead[]>();
      const sorted = [...state.leads.values()].sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.leadId.localeCompare(b.leadId));
      for (const lead of sorted) {
        for (const k of [`form:${lead.formId}`, `ad:${lead.adId}`]) {
          const list = byKey.get(k);
          if (list) list.push(lead);
          else byKey.set(k, [lead]);
        }
      }
      index = { size: state.leads.size, byKey };
    }
    return index.byKey.get(key) ?? [];
  };

  app.get<{ Params: NodeParams }>('/:version/:node/leadgen_forms', async (request) => {
    if (request.params.node !== state.pageId) throw unsupportedRequest('GET', request.params.node);
    const params = graphParams(request);
    const forms = [...state.forms.values()].map((f) =>
      selectFields({ id: f.id, name: f.name, status: f.status, locale: 'en_US' }, params.fields, ['id', 'name', 'status', 'locale'], 'LeadgenForm'),
    );
    return cursorPage(request, forms, (f) => f.id!);
  });

  app.get<{ Params: NodeParams }>('/:version/:node/leads', async (request) => {
    const node = findNode(state, request.params.node);
    if (node?.kind !== 'form' && node?.kind !== 'ad') throw unsupportedRequest('GET', request.params.node);
    const params = graphParams(request);
    const keep = leadFilter(params.filtering);
    const leads = leadsOf(node.kind === 'form' ? `form:${node.form.id}` : `ad:${node.ad.id}`).filter(keep);
    const page = cursorPage(request, leads, (l) => l.leadId);
    return { ...page, data: page.data.map((lead) => leadFields(state, lead, params.fields)) };
  });

  // Graph API multi-id lookup: GET /v26.0/?ids=a,b answers an object keyed by id.
  app.get<{ Params: { version: string } }>('/:version/', async (request) => {
    const params = graphParams(request);
    const ids = (params.ids ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.length === 0) throw invalidParameter('The parameter ids is required');
    if (ids.length > 50) throw invalidParameter('Too many IDs. Maximum: 50.');
    // One unknown id fails the whole lookup, naming the unknown ones.
    const missing = ids.filter((id) => !state.leads.has(id));
    if (missing.length > 0) throw new GraphRequestError(803, `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`);
    return Object.fromEntries(ids.map((id) => [id, leadFields(state, state.leads.get(id)!, params.fields)]));
  });

  app.post<{ Params: NodeParams }>('/:version/:node/test_leads', async (request) => {
    const form = state.forms.get(request.params.node);
    if (!form) throw unsupportedRequest('POST', request.params.node);
    const params = graphParams(request);
    let fieldData: { name: string; values: string[] }[] = [];
    try {
      fieldData = params.field_data ? (JSON.parse(params.field_data) as typeof fieldData) : [];
    } catch {
      throw invalidParameter('Param field_data must be a JSON array of {name, values}');
    }
    const value = (name: string) => fieldData.find((f) => f.name === name)?.values?.[0];
    const lead = await submitLead(ctx, {
      formId: form.id,
      email: value('email') ?? `test.lead.${state.leads.size}@fb.example`,
      fullName: value('full_name') ?? 'Test Lead',
      phone: value('phone_number'),
    });
    return { id: lead.leadId };
  });
}

/** Adds a lead to the page (as a person submitting the form) and sends the signed leadgen webhook. */
export async function submitLead(
  ctx: MetaRouteContext,
  input: { formId?: string | undefined; email: string; fullName: string; phone?: string | undefined },
): Promise<DemoLead> {
  const { state } = ctx;
  const form = input.formId ? state.forms.get(input.formId) : [...state.forms.values()][0];
  if (!form) throw invalidParameter(`Unknown form ${input.formId}`);
  const campaign = [...state.adSets.values()].find((s) => s.campaignId === form.campaignId)!;
  const ad = [...state.ads.values()].find((a) => a.adSetId === campaign.id)!;
  state.submittedLeads++;
  const lead: DemoLead = {
    // Above the demo world's lead ids (1.2e15 + person index), so they never collide.
    leadId: String(1_300_000_000_000_000 + state.submittedLeads),
    formId: form.id,
    adId: ad.id,
    adsetId: campaign.id,
    campaignId: form.campaignId,
    createdTime: new Date(Math.floor(ctx.now() / 1000) * 1000).toISOString(),
    email: input.email,
    phone: input.phone,
    fullName: input.fullName,
  };
  state.leads.set(lead.leadId, lead);
  const body = leadgenNotification(lead, state.pageId, ctx.now());
  await ctx.sandbox.webhooks.send('leadgen', webhookHeaders(body, ctx.appSecret), body);
  return lead;
}
