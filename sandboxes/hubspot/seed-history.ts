/**
 * HubSpot-only history generated for each contact of the demo world: lifecycle-stage history,
 * deals that agree with the stage (customers have won deals, opportunities an open one), and
 * 1:1 sales activity (emails, calls, notes). Each contact draws from its own fork
 * (`hubspot:history:<contactId>`), so the history never depends on other contacts or vendors.
 */
import type { Random } from '../demo-world/random.js';
import type { HubSpotFacet } from '../demo-world/world.js';
import type { CrmRecord, ValueWithTimestamp } from './object-store.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const LIFECYCLE_STAGES: readonly HubSpotFacet['lifecycleStage'][] = [
  'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer',
];

/** The default sales pipeline's stages, in order. */
export const DEAL_STAGES = [
  'appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost',
] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
const OPEN_STAGES = DEAL_STAGES.slice(0, 5);

export interface ContactSeed {
  contactId: string;
  ownerId: string;
  firstName: string;
  lastName: string;
  lifecycleStage: HubSpotFacet['lifecycleStage'];
  createdAt: number;
  updatedAt: number;
}

/** Stage changes from the first stage to the current one, newest first, the last at `updatedAt`. */
export function lifecycleHistory(random: Random, contact: ContactSeed): ValueWithTimestamp[] {
  const target = LIFECYCLE_STAGES.indexOf(contact.lifecycleStage);
  const first = Math.min(target, random.int(0, 1));
  const steps = LIFECYCLE_STAGES.slice(first, target + 1);
  const span = contact.updatedAt - contact.createdAt;
  return steps
    .map((value, i) => ({
      value,
      timestamp: iso(i === steps.length - 1 ? contact.updatedAt : contact.createdAt + Math.floor((span * i) / steps.length)),
      sourceType: i === 0 ? 'FORM' : random.pick(['CRM_UI', 'AUTOMATION_PLATFORM']),
    }))
    .reverse();
}

/** Deals that agree with the contact's stage. Ids derive from the contact id, so they are stable. */
export function seedDeals(random: Random, contact: ContactSeed, now: number): CrmRecord[] {
  const plan: ('won' | 'open' | 'lost')[] = [];
  switch (contact.lifecycleStage) {
    case 'customer':
      for (let i = random.int(1, 2); i > 0; i--) plan.push('won');
      if (random.chance(0.3)) plan.push('open');
      break;
    case 'opportunity':
      if (random.chance(0.3)) plan.push('lost');
      plan.push('open');
      break;
    case 'salesqualifiedlead':
      if (random.chance(0.5)) plan.push('open');
      break;
    default:
      if (random.chance(0.1)) plan.push('lost');
  }
  return plan.map((outcome, i) => {
    const id = String(9_000_000_000 + Number(contact.contactId) * 10 + i);
    const createdAt = contact.createdAt + Math.floor(random.next() * (now - contact.createdAt) * 0.6);
    const last = outcome === 'won' ? 5 : outcome === 'lost' ? 6 : random.int(0, 4);
    // Open deals walk up their stages; closed ones reach won or lost from somewhere in between.
    const path: DealStage[] = outcome === 'lost' ? [...OPEN_STAGES.slice(0, random.int(1, 4)), 'closedlost'] : DEAL_STAGES.slice(0, last + 1);
    const stepMs = Math.max(1, Math.floor((now - createdAt) / (path.length + 1)));
    const stageHistory = path.map((value, step) => ({ value, timestamp: iso(createdAt + step * stepMs), sourceType: 'CRM_UI' })).reverse();
    const modifiedAt = createdAt + (path.length - 1) * stepMs;
    const closed = outcome !== 'open';
    const closeDate = closed ? modifiedAt : now + random.int(10, 90) * DAY_MS;
    const amount = String(random.int(10, 500) * 50);
    const properties: Record<string, string | null> = {
      hs_object_id: id,
      dealname: `${contact.lastName} – ${random.pick(['Annual plan', 'Team bundle', 'Starter kit', 'Wholesale order', 'Renewal'])}`,
      amount,
      deal_currency_code: 'USD',
      dealstage: path[path.length - 1]!,
      pipeline: 'default',
      closedate: iso(closeDate),
      hubspot_owner_id: contact.ownerId,
      hs_is_closed: String(closed),
      hs_is_closed_won: String(outcome === 'won'),
      createdate: iso(createdAt),
      hs_lastmodifieddate: iso(modifiedAt),
    };
    return { id, properties, history: { dealstage: stageHistory }, createdAt: iso(createdAt), updatedAt: iso(modifiedAt), archived: false };
  });
}

export type EngagementType = 'emails' | 'calls' | 'notes';

const ENGAGEMENTS_BY_STAGE: Record<HubSpotFacet['lifecycleStage'], [number, number]> = {
  subscriber: [0, 1],
  lead: [0, 2],
  marketingqualifiedlead: [1, 3],
  salesqualifiedlead: [2, 4],
  opportunity: [2, 6],
  customer: [2, 6],
};

const SUBJECTS = ['Following up on our call', 'Your quote', 'Quick question about your order', 'Next steps', 'Thanks for your time', 'Checking in'];
const CALL_TITLES = ['Discovery call', 'Demo follow-up', 'Pricing discussion', 'Renewal check-in', 'Intro call'];
/** HubSpot's default call outcomes (dispositions are GUIDs): connected, no answer, left voicemail, busy. */
export const CALL_DISPOSITIONS = {
  'f240bbac-87c9-4f6e-bf70-924b57d47db7': 'Connected',
  '73a0d17f-1163-4015-bdd5-ec830791da20': 'No answer',
  'b2cf5968-551e-4856-9783-52b3da59a7d0': 'Left voicemail',
  '9d9162e7-6cf3-4944-bf63-4dff82258764': 'Busy',
} as const;
const NOTES = ['Interested in the team bundle.', 'Asked for a discount on volume.', 'Prefers email over calls.', 'Budget approved for Q1.'];

/** 1:1 sales activity between the contact's creation and `now`, oldest first. */
export function seedEngagements(random: Random, contact: ContactSeed, now: number): { type: EngagementType; record: CrmRecord }[] {
  const [min, max] = ENGAGEMENTS_BY_STAGE[contact.lifecycleStage];
  const out: { type: EngagementType; record: CrmRecord }[] = [];
  const count = random.int(min, max);
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const type: EngagementType = roll < 0.6 ? 'emails' : roll < 0.85 ? 'calls' : 'notes';
    const at = iso(contact.createdAt + Math.floor(random.next() * (now - contact.createdAt)));
    const id = String(40_000_000_000 + Number(contact.contactId) * 20 + i);
    const common = { hs_object_id: id, hs_timestamp: at, hubspot_owner_id: contact.ownerId, hs_createdate: at, hs_lastmodifieddate: at };
    out.push({ type, record: { id, properties: { ...common, ...engagementProperties(random, type, contact) }, history: {}, createdAt: at, updatedAt: at, archived: false } });
  }
  return out.sort((a, b) => a.record.properties.hs_timestamp!.localeCompare(b.record.properties.hs_timestamp!));
}

function engagementProperties(random: Random, type: EngagementType, contact: ContactSeed): Record<string, string> {
  switch (type) {
    case 'emails': {
      const incoming = random.chance(0.3);
      const subject = random.pick(SUBJECTS);
      return {
        hs_email_direction: incoming ? 'INCOMING_EMAIL' : 'EMAIL',
        hs_email_status: 'SENT',
        hs_email_subject: incoming ? `RE: ${subject}` : subject,
        hs_email_text: incoming ? `Thanks, that works for me.\n${contact.firstName}` : `Hi ${contact.firstName},\n\nFollowing up on ${subject.toLowerCase()}.`,
      };
    }
    case 'calls': {
      const disposition = random.pick(Object.keys(CALL_DISPOSITIONS));
      const connected = disposition === 'f240bbac-87c9-4f6e-bf70-924b57d47db7';
      return {
        hs_call_title: random.pick(CALL_TITLES),
        hs_call_body: connected ? `Spoke with ${contact.firstName}.` : 'No conversation.',
        hs_call_direction: random.chance(0.8) ? 'OUTBOUND' : 'INBOUND',
        hs_call_disposition: disposition,
        hs_call_duration: String(connected ? random.int(60, 1800) * 1000 : random.int(5, 40) * 1000),
        hs_call_status: 'COMPLETED',
      };
    }
    case 'notes':
      return { hs_note_body: `<p>${random.pick(NOTES)}</p>` };
  }
}
