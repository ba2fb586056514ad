import type { TimelineEventResolvers } from '../__generated__/resolvers-types.js';
import { toSourceEnum } from '../source-enum.js';

export const TimelineEvent: TimelineEventResolvers = {
  source: (event) => toSourceEnum(event.source),
};
