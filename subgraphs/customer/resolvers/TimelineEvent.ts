import type { UnifiedEvent } from '../../../connectors/unified/event.js';
import type { EventSource, TimelineEventResolvers } from '../__generated__/resolvers-types.js';

const SOURCES: Record<UnifiedEvent['source'], EventSource> = {
  hubspot: 'HUBSPOT',
  shopify: 'SHOPIFY',
  klaviyo: 'KLAVIYO',
  meta: 'META',
  'google-ads': 'GOOGLE_ADS',
  hub: 'HUB',
};

export const TimelineEvent: TimelineEventResolvers = {
  source: (event) => SOURCES[event.source],
};
