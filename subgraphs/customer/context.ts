import type { FrequencyService } from '../../profile/frequency/frequency-service.js';
import type { UpstreamCaller } from '../../platform/upstream-signature.js';
import type { ConsentOutboxQueue } from '../../profile/consent/consent-outbox.js';
import type { IdentityRules } from '../../profile/identity/identity-rules.js';
import type { Stores } from '../../profile/store/create-stores.js';

export interface SubgraphContext {
  stores: Stores;
  /** Frequency caps, contactability and touch reservations over `stores`. */
  frequency: FrequencyService;
  /** Where consent changes and erasures are handed to the write-back worker (ingest). */
  outbox: ConsentOutboxQueue;
  /** The client the gateway signed the call for (set by upstreamGuard); absent in unit tests. */
  caller?: UpstreamCaller;
  /** How lookups normalize emails and phones: the same rules ingest resolves observations with. */
  identityRules: IdentityRules;
}
