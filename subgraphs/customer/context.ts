import type { FrequencyService } from '../../profile/frequency/frequency-service.js';
import type { Stores } from '../../profile/store/create-stores.js';

export interface SubgraphContext {
  stores: Stores;
  /** Frequency caps, contactability and touch reservations over `stores`. */
  frequency: FrequencyService;
}
