import { MemoryUploadedConversionLog } from './conversion-log.js';
import { describeConversionLogContract } from './conversion-log.contract.js';

describeConversionLogContract('memory', async () => ({ log: new MemoryUploadedConversionLog(), cleanup: async () => {} }));
