/**
 * Graph API nodes by id (`GET /{id}` with `fields`), the ad account's campaigns, ad sets and ads,
 * and the two writes the hub needs: an ad set's `targeting` (which custom audiences it reaches) and
 * deleting a custom audience.
 * @see https://developers.facebook.com/docs/marketing-api/reference/ad-campaign
 * @see https://developers.facebook.com/docs/marketing-api/reference/ad-account/adsets
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidParameter, unsupportedRequest, unknownPath } from '../errors.js';
import { graphParams, selectFields } from '../graph-request.js';
import { cursorPage } from '../paging.js';
import { findNode, type MetaAd, type MetaAdSet, type MetaCampaign, type MetaState } from '../state.js';
import { presentAudience } from './audiences.js';
import type { MetaRouteContext, NodeParams } from './context.js';
import { leadFields } from './leads.js';

const presentCampaign = (state: MetaState, c: MetaCampaign) => ({
  id: c.id,
  account_id: state.adAccountId,
  name: c.name,
  objective: c.objective,
  status: c.status,
  effective_status: c.status,
  start_time: `${c.startDate}T00:00:00+0000`,
});

const presentAdSet = (state: MetaState, s: MetaAdSet) => ({
  id: s.id,
  account_id: state.adAccountId,
  name: s.name,
  campaign_id: s.campaignId,
  status: s.status,
  effective_status: s.status,
  targeting: s.targeting,
});

const presentAd = (state: MetaState, a: MetaAd) => ({
  id: a.id,
  account_id: state.adAccountId,
  name: a.name,
  adset_id: a.adSetId,
  campaign_id: a.campaignId,
  status: 'ACTIVE',
});

const TargetingSchema = z
  .object({
    geo_locations: z.object({ countries: z.array(z.string()) }).passthrough().optional(),
    custom_audiences: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional(),
  })
  .passthrough();

export function registerNodeRoutes(app: FastifyInstance, ctx: MetaRouteContext): void {
  const { state } = ctx;
  const account = `act_${state.adAccountId}`;

  app.get<{ Params: NodeParams }>('/:version/:node', async (request) => {
    const node = findNode(state, request.params.node);
    const { fields } = graphParams(request);
    switch (node?.kind) {
      case 'account':
        return selectFields(
          { id: account, account_id: state.adAccountId, name: 'Customer Graph Hub sandbox', currency: 'USD', timezone_name: 'Etc/UTC', account_status: 1 },
          fields,
          ['id'],
          'AdAccount',
        );
      case 'campaign':
        return selectFields(presentCampaign(state, node.campaign), fields, ['id'], 'Campaign');
      case 'adset':
        return selectFields(presentAdSet(state, node.adSet), fields, ['id'], 'AdSet');
      case 'ad':
        return selectFields(presentAd(state, node.ad), fields, ['id'], 'Ad');
      case 'form': {
        const f = node.form;
        return selectFields({ id: f.id, name: f.name, status: f.status, locale: 'en_US' }, fields, ['id', 'name', 'status', 'locale'], 'LeadgenForm');
      }
      case 'lead':
        return leadFields(state, node.lead, fields);
      case 'audience':
        return selectFields(presentAudience(state, state.audiences.get(node.audienceId)!), fields, ['id'], 'CustomAudience');
      default:
        throw unsupportedRequest('GET', request.params.node);
    }
  });

  // Updating an ad set: only `targeting` is supported by the sandbox.
  app.post<{ Params: NodeParams }>('/:version/:node', async (request) => {
    const adSet = state.adSets.get(request.params.node);
    if (!adSet) throw unsupportedRequest('POST', request.params.node);
    const params = graphParams(request);
    if (params.targeting === undefined) throw invalidParameter('The sandbox updates an ad set’s targeting only: the parameter targeting is required');
    let raw: unknown;
    try {
      raw = JSON.parse(params.targeting);
    } catch {
      throw invalidParameter('Param targeting must be a JSON object');
    }
    const parsed = TargetingSchema.safeParse(raw);
    if (!parsed.success) throw invalidParameter('Param targeting must be a JSON object');
    const unknown = parsed.data.custom_audiences?.find((a) => !state.audiences.get(a.id));
    if (unknown) throw invalidParameter(`Invalid custom audience id ${unknown.id} in targeting: it does not exist or this ad account cannot use it`);
    adSet.targeting = {
      ...parsed.data,
      geo_locations: parsed.data.geo_locations ?? adSet.targeting.geo_locations,
      ...(parsed.data.custom_audiences
        ? { custom_audiences: parsed.data.custom_audiences.map((a) => ({ id: a.id, name: state.audiences.get(a.id)!.name })) }
        : {}),
    };
    return { success: true };
  });

  app.delete<{ Params: NodeParams }>('/:version/:node', async (request) => {
    if (!state.audiences.get(request.params.node)) throw unsupportedRequest('DELETE', request.params.node);
    state.audiences.delete(request.params.node);
    for (const adSet of state.adSets.values()) {
      adSet.targeting.custom_audiences = adSet.targeting.custom_audiences?.filter((a) => a.id !== request.params.node);
    }
    return { success: true };
  });

  const edge = <T>(name: string, list: () => T[], present: (item: T) => Record<string, unknown>, type: string) =>
    app.get<{ Params: NodeParams }>(`/:version/:node/${name}`, async (request) => {
      if (request.params.node !== account) throw unsupportedRequest('GET', request.params.node);
      const { fields } = graphParams(request);
      return cursorPage(request, list().map((item) => selectFields(present(item), fields, ['id'], type)), (o) => String(o.id));
    });
  edge('campaigns', () => [...state.campaigns.values()], (c) => presentCampaign(state, c), 'Campaign');
  edge('adsets', () => [...state.adSets.values()], (s) => presentAdSet(state, s), 'AdSet');
  edge('ads', () => [...state.ads.values()], (a) => presentAd(state, a), 'Ad');

  // Any other edge is unknown to the sandbox, as Graph answers for a path it does not serve.
  app.get<{ Params: NodeParams & { edge: string } }>('/:version/:node/:edge', async (request) => {
    throw unknownPath(request.params.edge);
  });
}
