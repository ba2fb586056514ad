import { describeGovernorContract } from './governor.contract.js';

describeGovernorContract('memory', async () => ({ prefix: 'test:', cleanup: async () => {} }));
