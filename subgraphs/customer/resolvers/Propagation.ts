import type { PropagationResolvers, VendorPropagationResolvers } from '../__generated__/resolvers-types.js';
import { isSettled } from '../../../profile/consent/propagation-store.js';
import { toVendorEnum } from '../source-enum.js';

export const Propagation: PropagationResolvers = {
  kind: (p) => (p.kind === 'consent' ? 'CONSENT' : 'ERASURE'),
  topic: (p) => p.topic ?? null,
  status: (p) => p.status ?? null,
  settled: (p) => isSettled(p),
};

export const VendorPropagation: VendorPropagationResolvers = {
  vendor: (v) => toVendorEnum(v.vendor),
  state: (v) => (v.state === 'not_held' ? 'NOT_HELD' : (v.state.toUpperCase() as 'PENDING' | 'APPLIED' | 'FAILED')),
  lastError: (v) => v.lastError ?? null,
  detail: (v) => v.detail ?? null,
};
