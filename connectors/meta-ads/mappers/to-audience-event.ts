import type { AudienceMembership } from '../../unified/contracts.js';
import type { UnifiedEvent } from '../../unified/event.js';
import type { Identity } from '../../unified/identity.js';

/**
 * The hub placing a person in a Meta audience, or taking them out, as a timeline event. Meta
 * never reports membership back, so these events come from the hub's own uploads.
 */
export function toAudienceEvent(
  change: 'JOINED' | 'LEFT',
  membership: Pick<AudienceMembership, 'audienceId' | 'audienceName' | 'customerId' | 'reason'>,
  identities: readonly Identity[],
  at: string,
): UnifiedEvent | undefined {
  const usable = identities.filter((i) => i.kind === 'EMAIL' || i.kind === 'PHONE' || i.kind === 'META_LEAD');
  if (usable.length === 0) return undefined;
  const verb = change === 'JOINED' ? 'Added to' : 'Removed from';
  return {
    id: `meta:audience:${membership.audienceId}:${membership.customerId}:${change.toLowerCase()}:${at}`,
    source: 'hub',
    channel: 'PAID_SOCIAL',
    type: change === 'JOINED' ? 'AUDIENCE_JOINED' : 'AUDIENCE_LEFT',
    occurredAt: at,
    identities: [...usable],
    summary: `${verb} Meta audience “${membership.audienceName}” (${membership.reason})`.slice(0, 200),
    details: { kind: 'ad', audienceId: membership.audienceId },
  };
}
