import { createCheckpointStores } from './checkpoint-store.js';
import { describeCheckpointStoreContract } from './checkpoint-store.contract.js';

describeCheckpointStoreContract('memory', async () => ({ stores: createCheckpointStores(undefined), cleanup: async () => {} }));
