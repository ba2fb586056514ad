/**
 * The Meta ad account and page the sandbox serves, built from the demo world: the page's lead
 * forms and leads, the account's campaigns, ad sets and ads (one of each per demo campaign), and
 * the custom audiences the hub creates at run time.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { DemoLead, DemoWorld } from '../demo-world/world.js';
import { AudienceStore } from './audience-store.js';

export interface MetaLeadForm {
  id: string;
  name: string;
  pageId: string;
  status: 'ACTIVE' | 'ARCHIVED';
  campaignId: string;
}

export interface MetaCampaign {
  id: string;
  name: string;
  objective: 'OUTCOME_LEADS';
  status: 'ACTIVE';
  /** The first day the campaign delivered (UTC date); insights exist from it on. */
  startDate: string;
}

export interface MetaAdSet {
  id: string;
  name: string;
  campaignId: string;
  status: 'ACTIVE';
  /** Ad set targeting, as `POST /{adset_id}` sets it; `custom_audiences` is what the hub reads. */
  targeting: { geo_locations: { countries: string[] }; custom_audiences?: { id: string; name?: string }[] } & Record<string, unknown>;
}

export interface MetaAd {
  id: string;
  name: string;
  adSetId: string;
  campaignId: string;
}

export interface MetaState {
  seed: number;
  pageId: string;
  /** The ad account id without the `act_` prefix. */
  adAccountId: string;
  forms: Map<string, MetaLeadForm>;
  leads: Map<string, DemoLead>;
  campaigns: Map<string, MetaCampaign>;
  adSets: Map<string, MetaAdSet>;
  ads: Map<string, MetaAd>;
  audiences: AudienceStore;
  /** The world's people, for the audience match estimate (hashes are computed lazily). */
  people: readonly { email: string; phone: string }[];
  /** Leads submitted since the sandbox started (admin action or test leads). */
  submittedLeads: number;
}

/** Campaigns in the sandbox deliver for two years before the world's `now`. */
const DELIVERY_DAYS = 730;

export function buildMetaState(
  world: DemoWorld,
  pageId: string = SANDBOX_CREDENTIALS.meta.pageId,
  adAccountId: string = SANDBOX_CREDENTIALS.meta.adAccountId,
): MetaState {
  const startDate = new Date(Date.parse(world.now) - DELIVERY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const state: MetaState = {
    seed: world.seed,
    pageId,
    adAccountId: adAccountId.replace(/^act_/, ''),
    forms: new Map(),
    leads: new Map(),
    campaigns: new Map(),
    adSets: new Map(),
    ads: new Map(),
    audiences: new AudienceStore(),
    people: world.people,
    submittedLeads: 0,
  };
  for (const c of world.campaigns.meta) {
    state.forms.set(c.formId, { id: c.formId, name: `${c.name} form`, pageId, status: 'ACTIVE', campaignId: c.campaignId });
    state.campaigns.set(c.campaignId, { id: c.campaignId, name: c.name, objective: 'OUTCOME_LEADS', status: 'ACTIVE', startDate });
    state.adSets.set(c.adsetId, {
      id: c.adsetId,
      name: `${c.name} ad set`,
      campaignId: c.campaignId,
      status: 'ACTIVE',
      targeting: { geo_locations: { countries: ['US'] } },
    });
    state.ads.set(c.adId, { id: c.adId, name: `${c.name} ad`, adSetId: c.adsetId, campaignId: c.campaignId });
  }
  for (const person of world.people) {
    for (const lead of person.meta?.leads ?? []) state.leads.set(lead.leadId, lead);
  }
  return state;
}

/** The kind of Graph API node an id names in this sandbox, or undefined. */
export type MetaNode =
  | { kind: 'account' }
  | { kind: 'page' }
  | { kind: 'campaign'; campaign: MetaCampaign }
  | { kind: 'adset'; adSet: MetaAdSet }
  | { kind: 'ad'; ad: MetaAd }
  | { kind: 'form'; form: MetaLeadForm }
  | { kind: 'lead'; lead: DemoLead }
  | { kind: 'audience'; audienceId: string };

export function findNode(state: MetaState, id: string): MetaNode | undefined {
  if (id === `act_${state.adAccountId}`) return { kind: 'account' };
  if (id === state.pageId) return { kind: 'page' };
  const campaign = state.campaigns.get(id);
  if (campaign) return { kind: 'campaign', campaign };
  const adSet = state.adSets.get(id);
  if (adSet) return { kind: 'adset', adSet };
  const ad = state.ads.get(id);
  if (ad) return { kind: 'ad', ad };
  const form = state.forms.get(id);
  if (form) return { kind: 'form', form };
  const lead = state.leads.get(id);
  if (lead) return { kind: 'lead', lead };
  if (state.audiences.has(id)) return { kind: 'audience', audienceId: id };
  return undefined;
}
