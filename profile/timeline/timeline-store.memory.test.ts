import { describeTimelineStoreContract } from './timeline-store.contract.js';
import { MemoryTimelineStore } from './memory-timeline-store.js';

describeTimelineStoreContract('memory', async (options) => ({ store: new MemoryTimelineStore(options), cleanup: async () => {} }));
