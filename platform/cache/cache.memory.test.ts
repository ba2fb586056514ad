import { describeCacheContract } from './cache.contract.js';
import { MemoryCache } from './memory-cache.js';

describeCacheContract('memory', async () => ({ cache: new MemoryCache(), cleanup: async () => {} }));
