import { MemoryIdentityStore } from '../store/memory-identity-store.js';
import { describeIdentityResolution } from './resolve-identity.contract.js';

describeIdentityResolution('memory', async () => ({ store: new MemoryIdentityStore(), cleanup: async () => {} }));
