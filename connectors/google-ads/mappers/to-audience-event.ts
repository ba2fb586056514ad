/**
 * The hub placing a person in (or taking them out of) a Customer Match list, as AUDIENCE_JOINED
 * and AUDIENCE_LEFT timeline events. The summary names the list, never the person's data.
 */
import type { UnifiedEvent } from '../../unified/event.js';
import type { Identity } from '../../unified/identity.js';

export interface AudienceChange {
  type: 'AUDIENCE_JOINED' | 'AUDIENCE_LEFT';
  customerId: string;
  identities: readonly Identity[];
  userListId: string;
  userListName: string;
  at: string;
  /** Why: the segment or campaign that asked for it, or the consent change / erasure that ended it. */
  reason: string;
}

export function toAudienceEvent(change: AudienceChange): UnifiedEvent {
  const verb = change.type === 'AUDIENCE_JOINED' ? 'Added to' : 'Removed from';
  return {
    id: `google-ads:audience:${change.userListId}:${change.customerId}:${change.type === 'AUDIENCE_JOINED' ? 'joined' : 'left'}:${Date.parse(change.at)}`,
    source: 'google-ads',
    channel: 'PAID_SEARCH',
    type: change.type,
    occurredAt: new Date(Date.parse(change.at)).toISOString(),
    identities: [...change.identities],
    summary: `${verb} Google Ads Customer Match list “${change.userListName}” (${change.reason})`.slice(0, 200),
    details: { kind: 'ad', audienceId: change.userListId },
  };
}
