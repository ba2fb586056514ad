/**
 * The customer filter, checked against one record. Both adapters use it: the memory adapter for
 * every customer, the Redis adapter for the candidates its indexes could not rule out.
 */
import type { Identity } from '../../connectors/unified/identity.js';
import type { CustomerFilter, CustomerRecord } from './identity-store.js';

/** The lower-cased domain of a normalized email, or undefined for anything else. */
export function emailDomainOf(identity: Identity): string | undefined {
  if (identity.kind !== 'EMAIL') return undefined;
  const at = identity.value.lastIndexOf('@');
  return at < 0 ? undefined : identity.value.slice(at + 1);
}

export function matchesFilter(record: CustomerRecord, filter: CustomerFilter | undefined): boolean {
  if (!filter) return true;
  const kinds = new Set(record.identities.map((i) => i.kind));
  if (filter.hasIdentityKinds?.some((kind) => !kinds.has(kind))) return false;
  if (filter.source !== undefined && !record.sources.includes(filter.source)) return false;
  // ISO-8601 instants in UTC compare correctly as strings.
  if (filter.createdAfter !== undefined && record.createdAt < filter.createdAfter) return false;
  if (filter.createdBefore !== undefined && record.createdAt >= filter.createdBefore) return false;
  if (filter.emailDomain !== undefined && !record.identities.some((i) => emailDomainOf(i) === filter.emailDomain)) return false;
  return true;
}

export const isEmptyFilter = (filter: CustomerFilter | undefined): boolean =>
  !filter ||
  ((filter.hasIdentityKinds?.length ?? 0) === 0 &&
    filter.source === undefined &&
    filter.createdAfter === undefined &&
    filter.createdBefore === undefined &&
    filter.emailDomain === undefined);
