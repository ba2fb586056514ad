import type { CustomerRecord } from '../../profile/store/identity-store.js';

export type CustomerModel = CustomerRecord;
