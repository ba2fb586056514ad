import type { ConsentStateResolvers } from '../__generated__/resolvers-types.js';
import { toSourceEnum } from '../source-enum.js';

export const ConsentState: ConsentStateResolvers = {
  source: (state) => (state.record ? toSourceEnum(state.record.source) : null),
  at: (state) => state.record?.occurredAt ?? null,
  method: (state) => state.record?.method ?? null,
  legalBasis: (state) => state.record?.legalBasis ?? null,
  recordId: (state) => state.record?.id ?? null,
};
