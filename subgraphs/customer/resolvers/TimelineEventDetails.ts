import type { EventDetails } from '../../../connectors/unified/event.js';
import type { TimelineEventDetailsResolvers } from '../__generated__/resolvers-types.js';

/** Each `kind` of EventDetailsSchema has one GraphQL member type. */
const MEMBER = {
  message: 'TimelineMessageDetails',
  order: 'TimelineOrderDetails',
  checkout: 'TimelineCheckoutDetails',
  sales: 'TimelineSalesDetails',
  ad: 'TimelineAdDetails',
  consent: 'TimelineConsentDetails',
  profile: 'TimelineProfileDetails',
} as const satisfies Record<EventDetails['kind'], string>;

export const TimelineEventDetails: TimelineEventDetailsResolvers = {
  __resolveType: (details) => MEMBER[details.kind],
};
