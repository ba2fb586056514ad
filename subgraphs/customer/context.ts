import type { IdentityRules } from '../../profile/identity/identity-rules.js';
import type { Stores } from '../../profile/store/create-stores.js';

export interface SubgraphContext {
  stores: Stores;
  /** How lookups normalize emails and phones: the same rules ingest resolves observations with. */
  identityRules: IdentityRules;
}
