/** The Meta ad account and page the sandbox serves, built from the demo world. */
import type { DemoLead, DemoWorld } from '../demo-world/world.js';

export interface MetaLeadForm {
  id: string;
  name: string;
  pageId: string;
  status: 'ACTIVE' | 'ARCHIVED';
}

export interface MetaState {
  pageId: string;
  forms: Map<string, MetaLeadForm>;
  leads: Map<string, DemoLead>;
}

export function buildMetaState(world: DemoWorld, pageId: string): MetaState {
  const state: MetaState = { pageId, forms: new Map(), leads: new Map() };
  for (const campaign of world.campaigns.meta) {
    state.forms.set(campaign.formId, { id: campaign.formId, name: `${campaign.name} form`, pageId, status: 'ACTIVE' });
  }
  for (const person of world.people) {
    for (const lead of person.meta?.leads ?? []) state.leads.set(lead.leadId, lead);
  }
  return state;
}
