import { describeCustomerLookups } from './customer-lookup.gateway.contract.js';

describeCustomerLookups('memory store', async () => ({ env: {}, cleanup: async () => {} }));
