/**
 * The two plain claims (create a customer, attach identifiers) written as resolutions, so each
 * adapter has one write path to keep atomic. Both retry when a concurrent writer got there first.
 */
import { identityKey, type Identity, type Source } from '../../connectors/unified/identity.js';
import type { ClaimResult, IdentityStore } from './identity-store.js';

const MAX_ATTEMPTS = 10;

function distinct(identities: Identity[]): Identity[] {
  const seen = new Map(identities.map((identity) => [identityKey(identity), identity]));
  return [...seen.values()];
}

export async function createCustomerViaCommit(
  store: IdentityStore,
  id: string,
  identities: Identity[],
  at: string,
  source: Source,
): Promise<ClaimResult> {
  const wanted = distinct(identities);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if ((await store.canonicalCustomerId(id)) !== undefined) {
      return { ok: false, conflicts: wanted.map((identity) => ({ identity, customerId: id })) };
    }
    const owners = await store.findCustomerIds(wanted);
    const conflicts = wanted.flatMap((identity, i) => (owners[i] !== undefined ? [{ identity, customerId: owners[i]! }] : []));
    if (conflicts.length > 0) return { ok: false, conflicts };
    const result = await store.commitResolution({
      at,
      source,
      expected: [],
      expectedFree: wanted,
      target: id,
      create: true,
      attach: wanted,
      absorb: [],
      conflicts: [],
    });
    if (result.ok) return { ok: true };
  }
  throw new Error(`Creating customer ${id} kept racing`);
}

export async function attachIdentitiesViaCommit(
  store: IdentityStore,
  customerId: string,
  identities: Identity[],
  at: string,
): Promise<ClaimResult> {
  const wanted = distinct(identities);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const record = await store.getCustomer(customerId);
    if (!record) throw new Error(`Unknown customer ${customerId}`);
    const owners = await store.findCustomerIds(wanted);
    const conflicts = wanted.flatMap((identity, i) =>
      owners[i] !== undefined && owners[i] !== customerId ? [{ identity, customerId: owners[i]! }] : [],
    );
    if (conflicts.length > 0) return { ok: false, conflicts };
    const free = wanted.filter((_, i) => owners[i] === undefined);
    const result = await store.commitResolution({
      at,
      expected: [{ customerId, version: record.version }],
      expectedFree: free,
      target: customerId,
      create: false,
      attach: free,
      absorb: [],
      conflicts: [],
    });
    if (result.ok) return { ok: true };
  }
  throw new Error(`Attaching identifiers to ${customerId} kept racing`);
}
