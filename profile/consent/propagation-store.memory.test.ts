import { MemoryPropagationStore } from './memory-propagation-store.js';
import { describePropagationStoreContract } from './propagation-store.contract.js';

describePropagationStoreContract('memory', async () => ({ store: new MemoryPropagationStore(), cleanup: async () => {} }));
