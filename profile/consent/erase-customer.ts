/**
 * Erases one hub customer: records the erasure and hands it to the consent outbox (which tells
 * every vendor, with the identifiers it needs kept only until each confirms), then deletes the
 * hub's own data at once: every per-customer store, then the identity record. Shared by
 * `Mutation.eraseCustomer` and whatever acts on a vendor's erasure request (Shopify
 * `customers/redact`, a batch's `erasures`).
 */
import { randomUUID } from 'node:crypto';
import type { IdentityStore } from '../store/identity-store.js';
import type { CustomerScopedData } from '../customer-data.js';
import { requestPropagation, type ConsentOutboxQueue } from './consent-outbox.js';
import type { Propagation, PropagationStore } from './propagation-store.js';

export interface ErasureDependencies {
  stores: { identities: IdentityStore; propagation: PropagationStore; customerData: readonly CustomerScopedData[] };
  outbox: ConsentOutboxQueue;
}

/** The erasure's receipt, or undefined when the hub holds no such customer (nothing is done). */
export async function eraseCustomer(deps: ErasureDependencies, requestedId: string, now: Date = new Date()): Promise<Propagation | undefined> {
  // A merged-away id erases the person it now names.
  const canonicalId = await deps.stores.identities.canonicalCustomerId(requestedId);
  const customer = canonicalId === undefined ? undefined : await deps.stores.identities.getCustomer(canonicalId);
  if (!customer) return undefined;
  const customerId = customer.id;
  const erasureId = `era_${randomUUID()}`;
  await requestPropagation(
    deps.outbox,
    deps.stores.propagation,
    { id: erasureId, kind: 'erasure', customerId, requestedAt: now.toISOString() },
    { customerId, identities: customer.identities },
  );
  for (const store of deps.stores.customerData) await store.erase(customerId);
  // Last: until here a retry of the whole erasure still finds the customer.
  await deps.stores.identities.eraseCustomer(customerId);
  return deps.stores.propagation.get(erasureId);
}
