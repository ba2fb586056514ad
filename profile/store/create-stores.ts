/**
 * Chooses the store adapters: Redis when the configuration names one, memory otherwise.
 * Every store of one hub shares one Redis connection.
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../../platform/redis.js';
import type { HubConfig } from '../../config/env.js';
import type { AudienceMembershipLedger } from '../../connectors/unified/contracts.js';
import { MemoryAudienceLedger } from '../audiences/memory-audience-ledger.js';
import { RedisAudienceLedger } from '../audiences/redis-audience-ledger.js';
import { NoConsentLedger, type ConsentStateReader } from '../frequency/consent-state.js';
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
  /**
   * Current consent per topic, read by frequency. Until the consent ledger is wired here, nothing
   * is granted (NoConsentLedger): every marketing channel is refused with CONSENT_UNKNOWN.
   */
  consentState: ConsentStateReader;
  /** Every customer's events in time order (ingest appends, Customer.timeline reads). */
  timeline: TimelineStore;
  close(): Promise<void>;
}

export function createStores(config: Pick<HubConfig, 'redis'> & Partial<Pick<HubConfig, 'timeline' | 'frequency'>>): Stores {
  const timelineOptions = { maxEventsPerCustomer: config.timeline?.maxEventsPerCustomer };
  const touchOptions = { retentionMs: config.frequency?.retentionMs ?? DEFAULT_TOUCH_RETENTION_MS };
  if (!config.redis) {
    return {
      kind: 'memory',
      identities: new MemoryIdentityStore(),
      audiences: new MemoryAudienceLedger(),
      touches: new MemoryTouchLog(touchOptions),
      timeZones: new MemoryTimeZoneTraits(),
      consentState: new NoConsentLedger(),
      timeline: new MemoryTimelineStore(timelineOptions),
      close: async () => {},
    };
  }
  const redis = connectRedis(config)!;
  return {
    kind: 'redis',
    redis,
    identities: new RedisIdentityStore(redis, config.redis.keyPrefix),
    audiences: new RedisAudienceLedger(redis, config.redis.keyPrefix),
    touches: new RedisTouchLog(redis, config.redis.keyPrefix, touchOptions),
    timeZones: new RedisTimeZoneTraits(redis, config.redis.keyPrefix),
    consentState: new NoConsentLedger(),
    timeline: new RedisTimelineStore(redis, config.redis.keyPrefix, timelineOptions),
    close: async () => {
      await redis.quit();
    },
  };
}
