import type { ConsentRecordResolvers } from '../__generated__/resolvers-types.js';
import { toSourceEnum } from '../source-enum.js';

export const ConsentRecord: ConsentRecordResolvers = {
  source: (record) => toSourceEnum(record.source),
  method: (record) => record.method ?? null,
  legalBasis: (record) => record.legalBasis ?? null,
  evidence: (record) => Object.entries(record.evidence).map(([key, value]) => ({ key, value })),
};
