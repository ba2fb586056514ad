import { describeAudienceLedgerContract } from './audience-ledger.contract.js';
import { MemoryAudienceLedger } from './memory-audience-ledger.js';

describeAudienceLedgerContract('memory', async () => ({ ledger: new MemoryAudienceLedger(), cleanup: async () => {} }));
