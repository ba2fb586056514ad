import type { ConsentStateResolvers } from '../__generated__/resolvers-types.js';
import { sourceEnum } from './consent-enums.js';

export const ConsentState: ConsentStateResolvers = {
  source: (state) => (state.record ? sourceEnum(state.record.source) : null),
  at: (state) => state.record?.occurredAt ?? null,
  method: (state) => state.record?.method ?? null,
  legalBasis: (state) => state.record?.legalBasis ?? null,
  recordId: (state) => state.record?.id ?? null,
};
