/**
 * applyBatch wired to a hub's stores: the identity resolver with the hub's rules (merges move
 * every per-customer store's data), the timeline, the consent ledger, the touch log, the vendor
 * read cache, and vendor erasure requests acted on as `eraseCustomer` (which also tells every
 * vendor through the consent outbox). Shared by the ingest service and the backfill command.
 */
import type { HubConfig } from '../config/env.js';
import type { Cache } from '../platform/cache/cache.js';
import type { Logger } from '../platform/logger.js';
import type { ConsentOutboxQueue } from '../profile/consent/consent-outbox.js';
import { eraseCustomer } from '../profile/consent/erase-customer.js';
import { identityRulesFrom } from '../profile/identity/identity-rules.js';
import { createIdentityResolver } from '../profile/identity/resolve-identity.js';
import type { Stores } from '../profile/store/create-stores.js';
import { createBatchApplier, type ApplyBatch, type Erasure } from './apply-batch.js';

export interface StoreApplierOptions {
  /** The hub's identity rules; the built-in defaults without it. */
  config?: Pick<HubConfig, 'identity'>;
  /** Where vendor erasure requests go to every vendor; without it they are counted as unhandled. */
  outbox?: ConsentOutboxQueue;
  cache?: Cache | undefined;
  logger?: Logger;
}

export function createStoreApplier(stores: Stores, options: StoreApplierOptions = {}): ApplyBatch {
  const { config, logger, outbox } = options;
  const resolver = createIdentityResolver({
    store: stores.identities,
    customerData: stores.customerData,
    ...(config ? { rules: identityRulesFrom(config) } : {}),
    ...(logger ? { logger } : {}),
  });
  const erase = async (outbox: ConsentOutboxQueue, erasure: Erasure) => {
    const owners = await stores.identities.findCustomerIds(erasure.identities);
    for (const customerId of new Set(owners.filter((id): id is string => id !== undefined))) {
      await eraseCustomer({ stores, outbox }, customerId);
      logger?.info({ vendor: erasure.vendor, customerId }, 'customer erased at the vendor’s request');
    }
  };
  return createBatchApplier({
    resolver,
    timeline: stores.timeline,
    consents: stores.consent,
    touches: stores.touches,
    timeZones: stores.timeZones,
    cache: options.cache,
    erase: outbox ? (erasure) => erase(outbox, erasure) : undefined,
  });
}
