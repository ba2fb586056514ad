/**
 * How touches are named inside a channel's sorted set. The prefix says where a touch came from,
 * so the set alone answers "what counts" and the same event or reservation is never added twice:
 *   t:<event id>          a send reported by a vendor event (TouchSink)
 *   r:<reservation id>    a reservation (pending, or confirmed through confirmTouch)
 *   e:<source id>:<n>     the n-th touch of an estimated ad exposure
 */
import type { UnifiedEvent } from '../../connectors/unified/event.js';
import type { TouchKind } from './touch.js';

export const eventMember = (eventId: string) => `t:${eventId}`;
export const reservationMember = (reservationId: string) => `r:${reservationId}`;
export const exposureMember = (sourceId: string, n: number) => `e:${sourceId}:${n}`;

export function kindOfMember(member: string, pending: { has(id: string): boolean }): TouchKind {
  if (member.startsWith('e:')) return 'ESTIMATED';
  if (member.startsWith('r:') && pending.has(member.slice(2))) return 'RESERVED';
  return 'SENT';
}

/** The campaign a send event belongs to, which is how it finds the reservation it fulfils. */
export function campaignOf(event: UnifiedEvent): string | undefined {
  const d = event.details;
  return d.kind === 'message' || d.kind === 'ad' ? d.campaignId : undefined;
}
