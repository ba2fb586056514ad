/**
 * Identity resolution, first cut: exact matches on normalized identifiers. An observation joins
 * the customer that already owns one of its identifiers, or creates a new customer. Identifiers
 * owned by a different customer are left where they are (merging is the profile issue's work).
 */
import type { IdentityObservation } from '../../connectors/unified/identity.js';
import type { IdentityStore } from '../store/identity-store.js';
import { newCustomerId } from './customer-id.js';

export interface Resolution {
  customerId: string;
  created: boolean;
  /** Identifiers of the observation that belong to another customer and were not attached. */
  conflicts: number;
}

export async function resolveIdentity(store: IdentityStore, observation: IdentityObservation): Promise<Resolution> {
  const { identities, observedAt } = observation;
  for (let attempt = 0; attempt < 3; attempt++) {
    const owners = await store.findCustomerIds(identities);
    const owner = owners.find((o) => o !== undefined);
    if (owner === undefined) {
      const id = newCustomerId(identities);
      const created = await store.createCustomer(id, identities, observedAt);
      if (created.ok) return { customerId: id, created: true, conflicts: 0 };
      continue; // another writer claimed one of the identifiers first; read again
    }
    const free = identities.filter((_, i) => owners[i] === undefined);
    if (free.length > 0) {
      const attached = await store.attachIdentities(owner, free, observedAt);
      if (!attached.ok) continue;
    }
    const conflicts = owners.filter((o) => o !== undefined && o !== owner).length;
    return { customerId: owner, created: false, conflicts };
  }
  throw new Error(`Identity resolution for ${observation.source} ${observation.sourceRecordId} kept racing`);
}
