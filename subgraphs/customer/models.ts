import type { CustomerRecord, IdentityConflict, MergeRecord } from '../../profile/store/identity-store.js';

export type CustomerModel = CustomerRecord;
export type IdentityMergeModel = MergeRecord;
export type IdentityConflictModel = IdentityConflict;
