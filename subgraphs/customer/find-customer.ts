import type { IdentityStore, CustomerRecord } from '../../profile/store/identity-store.js';

/** The customer an id names: a live customer in one read, a merged-away id through its alias chain. */
export async function findCustomerById(store: IdentityStore, id: string): Promise<CustomerRecord | null> {
  const live = await store.getCustomer(id);
  if (live) return live;
  const survivor = await store.canonicalCustomerId(id);
  return survivor ? ((await store.getCustomer(survivor)) ?? null) : null;
}
