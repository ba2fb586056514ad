/**
 * Identity resolution: exact matches on normalized identifiers, merges that keep history, and
 * the merge guards (blocked values, one id per single-valued kind). See plan-resolution.ts for
 * the rule. Optimistic: read, plan, commit only if nothing read has changed, else read again.
 *
 * A merge moves the absorbed customer's per-customer data (timeline, consent, frequency, ...)
 * into the survivor through every registered CustomerScopedData. The identity merge commits
 * first and is recorded as pending until every store confirms; `finishPendingMerges` retries
 * what a crash or a failing store left behind (mergeInto is idempotent).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { identityKey, type Identity, type IdentityObservation } from '../../connectors/unified/identity.js';
import type { Logger } from '../../platform/logger.js';
import type { CustomerScopedData } from '../customer-data.js';
import type { CustomerRecord, IdentityConflict, IdentityStore } from '../store/identity-store.js';
import { newCustomerId } from './customer-id.js';
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from './identity-rules.js';
import { normalizeIdentity } from './normalize-identity.js';
import { planResolution } from './plan-resolution.js';

export interface Resolution {
  /** The customer the observation belongs to; undefined when no usable identifier was left (nothing written). */
  customerId: string | undefined;
  created: boolean;
  /** Customers merged into `customerId` by this observation. */
  absorbedIds: string[];
  /** Merges the guards refused (recorded in the store, idempotently). */
  conflicts: IdentityConflict[];
  /** Identifiers never used to match. */
  ignored: { identity: Identity; reason: 'BLOCKED' | 'MALFORMED' }[];
}

export interface IdentityResolverDependencies {
  store: IdentityStore;
  /** Every store that keeps data per customer; a merge calls `mergeInto(survivor, absorbed)` on each. */
  customerData?: readonly CustomerScopedData[];
  rules?: IdentityRules;
  logger?: Pick<Logger, 'warn'>;
}

export interface IdentityResolver {
  resolve(observation: IdentityObservation): Promise<Resolution>;
  /** Adds a per-customer store to the ones merges move data in. */
  registerCustomerData(store: CustomerScopedData): void;
  /** Moves data for merges not yet confirmed by every store; returns how many it completed. */
  finishPendingMerges(): Promise<number>;
  /**
   * Call after writing per-customer data under a resolved id: if a concurrent merge absorbed that
   * id meanwhile, moves what was just written to the survivor (mergeInto again: idempotent).
   * Returns the id the data now lives under (undefined for an id that never existed).
   */
  settleCustomer(customerId: string): Promise<string | undefined>;
}

/** Enough for dozens of writers racing on one identifier; each lost round means another won. */
const MAX_ATTEMPTS = 100;

export function createIdentityResolver(deps: IdentityResolverDependencies): IdentityResolver {
  const { store } = deps;
  const rules = deps.rules ?? DEFAULT_IDENTITY_RULES;
  const customerData = [...(deps.customerData ?? [])];

  async function moveData(survivorId: string, absorbedId: string): Promise<boolean> {
    try {
      if (customerData.length > 0) {
        // The survivor may itself have been absorbed since: move to whoever holds it now.
        const holder = (await store.canonicalCustomerId(survivorId)) ?? survivorId;
        for (const data of customerData) await data.mergeInto(holder, absorbedId);
      }
      await store.completeDataMerge(absorbedId);
      return true;
    } catch (error) {
      // Ids only, never identifiers: logs carry no PII.
      deps.logger?.warn({ err: error, survivorId, absorbedId }, 'moving merged customer data failed; left pending');
      return false;
    }
  }

  async function resolve(observation: IdentityObservation): Promise<Resolution> {
    const ignored: Resolution['ignored'] = [];
    const byKey = new Map<string, Identity>();
    for (const raw of observation.identities) {
      const normalized = normalizeIdentity(raw, rules);
      if (normalized.ok) byKey.set(identityKey(normalized.identity), normalized.identity);
      else ignored.push({ identity: raw, reason: normalized.reason });
    }
    const identities = [...byKey.values()];
    if (identities.length === 0) return { customerId: undefined, created: false, absorbedIds: [], conflicts: [], ignored };

    // Moves a new customer's id off one already taken (only ever an erased or foreign id).
    let salt = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const owners = await store.findCustomerIds(identities);
      const ownerIds = [...new Set(owners.filter((o): o is string => o !== undefined))];
      const found = await store.getCustomers(ownerIds);
      if (found.some((record) => record === undefined)) continue; // merged away between the two reads
      const records = new Map(found.map((record) => [record!.id, record as CustomerRecord]));
      const { write, unchanged } = planResolution(observation, identities, owners, records, (free) => newCustomerId(free, salt));
      const resolution = { customerId: write.target, created: write.create, absorbedIds: write.absorb.map((a) => a.record.id), conflicts: write.conflicts, ignored };
      if (unchanged) return resolution;
      const committed = await store.commitResolution(write);
      if (committed.ok) {
        for (const absorbedId of resolution.absorbedIds) await moveData(write.target, absorbedId);
        return resolution;
      }
      if (committed.reason === 'EXISTS') salt++;
      // Lost a race: someone else wrote what this plan read. Back off a little once it repeats.
      if (attempt >= 3) await sleep(Math.random() * Math.min(50, attempt * 2));
    }
    throw new Error(`Identity resolution for ${observation.source} ${observation.sourceRecordId} kept racing`);
  }

  return {
    resolve,
    registerCustomerData: (data) => void customerData.push(data),
    async finishPendingMerges() {
      let done = 0;
      for (const { survivorId, absorbedId } of await store.listPendingDataMerges()) {
        if (await moveData(survivorId, absorbedId)) done++;
      }
      return done;
    },
    async settleCustomer(customerId) {
      const holder = await store.canonicalCustomerId(customerId);
      if (holder === undefined || holder === customerId) return holder;
      for (const data of customerData) await data.mergeInto(holder, customerId);
      return holder;
    },
  };
}

/** One-shot resolution with no per-customer stores to move (backfill before any exists, tests). */
export function resolveIdentity(
  store: IdentityStore,
  observation: IdentityObservation,
  options: Omit<IdentityResolverDependencies, 'store'> = {},
): Promise<Resolution> {
  return createIdentityResolver({ store, ...options }).resolve(observation);
}
