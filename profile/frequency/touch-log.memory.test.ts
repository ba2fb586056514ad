import { MemoryTouchLog } from './memory-touch-log.js';
import { describeTouchLogContract } from './touch-log.contract.js';

describeTouchLogContract('memory', async (options) => ({ store: new MemoryTouchLog(options), cleanup: async () => {} }));
