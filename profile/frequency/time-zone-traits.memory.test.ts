import { describeTimeZoneTraitsContract } from './time-zone-traits.contract.js';
import { MemoryTimeZoneTraits } from './time-zone-traits.js';

describeTimeZoneTraitsContract('memory', async () => ({ store: new MemoryTimeZoneTraits(), cleanup: async () => {} }));
