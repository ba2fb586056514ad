import { describeConsentLedgerContract } from './consent-ledger.contract.js';
import { MemoryConsentLedger } from './memory-consent-ledger.js';

describeConsentLedgerContract('memory', async () => ({ store: new MemoryConsentLedger(), cleanup: async () => {} }));
