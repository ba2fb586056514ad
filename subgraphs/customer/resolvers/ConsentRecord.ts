import type { ConsentRecordResolvers } from '../__generated__/resolvers-types.js';
import { sourceEnum } from './consent-enums.js';

export const ConsentRecord: ConsentRecordResolvers = {
  source: (record) => sourceEnum(record.source),
  method: (record) => record.method ?? null,
  legalBasis: (record) => record.legalBasis ?? null,
  evidence: (record) => Object.entries(record.evidence).map(([key, value]) => ({ key, value })),
};
