import type { UnifiedBatch } from '../../unified/batch.js';
import type { UnifiedEvent } from '../../unified/event.js';
import type { MetaLead } from '../schemas.js';
import { graphTimeToIso } from './lead-time.js';
import { leadIdentities, toIdentityObservation } from './to-identity-observation.js';

/** A lead form submission as a timeline event; the summary names the campaign, never the person. */
export function toLeadEvent(lead: MetaLead): UnifiedEvent {
  const where = lead.campaign_name ? ` (campaign “${lead.campaign_name}”)` : lead.is_organic ? ' (organic)' : '';
  return {
    id: `meta:lead:${lead.id}`,
    source: 'meta',
    channel: 'PAID_SOCIAL',
    type: 'LEAD_SUBMITTED',
    occurredAt: graphTimeToIso(lead.created_time),
    identities: leadIdentities(lead),
    summary: `Submitted a Meta lead form${where}`.slice(0, 200),
    details: {
      kind: 'ad',
      leadId: lead.id,
      ...(lead.form_id ? { formId: lead.form_id } : {}),
      ...(lead.campaign_id ? { campaignId: lead.campaign_id } : {}),
      ...(lead.campaign_name ? { campaignName: lead.campaign_name } : {}),
      ...(lead.adset_id ? { adSetId: lead.adset_id } : {}),
      ...(lead.ad_id ? { adId: lead.ad_id } : {}),
    },
  };
}

/** Leads as what the profile stores: who they name, the submission on the timeline, and the cache entry to drop. */
export function toLeadBatch(leads: readonly MetaLead[]): UnifiedBatch {
  return {
    observations: leads.map(toIdentityObservation),
    events: leads.map(toLeadEvent),
    consents: [],
    changed: leads.map((lead) => ({ vendor: 'meta', entity: 'lead', id: lead.id })),
  };
}
