/**
 * Chooses the store adapters: Redis when the configuration names one, memory otherwise.
 * Every store of one hub shares one Redis connection.
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../../platform/redis.js';
import type { HubConfig } from '../../config/env.js';
import type { AudienceMembershipLedger } from '../../connectors/unified/contracts.js';
import { createJobQueueFactory } from '../../platform/queue/create-job-queues.js';
import type { JobQueueFactory } from '../../platform/queue/job-queue.js';
import type { ConsentLedger } from '../consent/consent-ledger.js';
import { MemoryConsentLedger } from '../consent/memory-consent-ledger.js';
import { MemoryPropagationStore } from '../consent/memory-propagation-store.js';
import type { PropagationStore } from '../consent/propagation-store.js';
import { RedisConsentLedger } from '../consent/redis-consent-ledger.js';
import { RedisPropagationStore } from '../consent/redis-propagation-store.js';
import type { CustomerScopedData } from '../customer-data.js';
import { MemoryAudienceLedger } from '../audiences/memory-audience-ledger.js';
import { RedisAudienceLedger } from '../audiences/redis-audience-ledger.js';
import type { ConsentStateReader } from '../frequency/consent-state.js';
import { ledgerConsentReader } from '../frequency/ledger-consent-reader.js';
import { MemoryTouchLog } from '../frequency/memory-touch-log.js';
import { RedisTouchLog } from '../frequency/redis-touch-log.js';
import { MemoryTimeZoneTraits, RedisTimeZoneTraits, type TimeZoneTraits } from '../frequency/time-zone-traits.js';
import { DEFAULT_TOUCH_RETENTION_MS, type TouchLog } from '../frequency/touch-log.js';
import type { IdentityStore } from './identity-store.js';
import { MemoryIdentityStore } from './memory-identity-store.js';
import { RedisIdentityStore } from './redis-identity-store.js';
import type { TimelineStore } from '../timeline/timeline-store.js';
import { MemoryTimelineStore } from '../timeline/memory-timeline-store.js';
import { RedisTimelineStore } from '../timeline/redis-timeline-store.js';

export interface Stores {
  kind: 'memory' | 'redis';
  /** The shared connection (Redis mode only), for other adapters of the same process. */
  redis?: Redis;
  identities: IdentityStore;
  /** Who the hub placed in which ad audience, and the hashes never to upload again. */
  audiences: AudienceMembershipLedger;
  /** Touches per channel and reservations, for frequency caps (also the TouchSink ingest writes to). */
  touches: TouchLog;
  /** Customers' stated time zones, for quiet hours. */
  timeZones: TimeZoneTraits;
  /** Current consent per topic as frequency reads it: derived from `consent`, the ledger. */
  consentState: ConsentStateReader;
  /** Every customer's events in time order (ingest appends, Customer.timeline reads). */
  timeline: TimelineStore;
  /** The append-only consent ledger (ingest appends vendor statements; `updateConsent` the hub's). */
  consent: ConsentLedger;
  /** How far each consent change and erasure has reached every vendor. */
  propagation: PropagationStore;
  /** The durable queues of this hub (in-process, or BullMQ on the same Redis): the consent outbox lives here. */
  queues: JobQueueFactory;
  /** Every store holding data per customer: a merge moves it all, an erasure deletes it all. */
  customerData: CustomerScopedData[];
  close(): Promise<void>;
}

/** The adapters of one kind; what the hub derives from them is added by `assemble`. */
type Adapters = Omit<Stores, 'consentState' | 'customerData'>;

export function createStores(config: Pick<HubConfig, 'redis'> & Partial<Pick<HubConfig, 'timeline' | 'frequency'>>): Stores {
  const timelineOptions = { maxEventsPerCustomer: config.timeline?.maxEventsPerCustomer };
  const touchOptions = { retentionMs: config.frequency?.retentionMs ?? DEFAULT_TOUCH_RETENTION_MS };
  if (!config.redis) {
    return assemble({
      kind: 'memory',
      identities: new MemoryIdentityStore(),
      audiences: new MemoryAudienceLedger(),
      touches: new MemoryTouchLog(touchOptions),
      timeZones: new MemoryTimeZoneTraits(),
      timeline: new MemoryTimelineStore(timelineOptions),
      consent: new MemoryConsentLedger(),
      propagation: new MemoryPropagationStore(),
      queues: createJobQueueFactory(undefined),
      close: async () => {},
    });
  }
  const redis = connectRedis(config)!;
  const prefix = config.redis.keyPrefix;
  return assemble({
    kind: 'redis',
    redis,
    identities: new RedisIdentityStore(redis, prefix),
    audiences: new RedisAudienceLedger(redis, prefix),
    touches: new RedisTouchLog(redis, prefix, touchOptions),
    timeZones: new RedisTimeZoneTraits(redis, prefix),
    timeline: new RedisTimelineStore(redis, prefix, timelineOptions),
    consent: new RedisConsentLedger(redis, prefix),
    propagation: new RedisPropagationStore(redis, prefix),
    queues: createJobQueueFactory(config.redis),
    close: async () => {
      await redis.quit();
    },
  });
}

function assemble(adapters: Adapters): Stores {
  const { timeline, consent, propagation, touches, timeZones } = adapters;
  return {
    ...adapters,
    consentState: ledgerConsentReader(consent),
    customerData: [timeline, consent, propagation, touches, timeZones],
  };
}
