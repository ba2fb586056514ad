import { describeIdentityStoreContract } from './identity-store.contract.js';
import { MemoryIdentityStore } from './memory-identity-store.js';

describeIdentityStoreContract('memory', async () => ({ store: new MemoryIdentityStore(), cleanup: async () => {} }));
