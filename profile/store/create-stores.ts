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
  /** Every customer's events in time order (ingest appends, Customer.timeline reads). */
  timeline: TimelineStore;
  close(): Promise<void>;
}

export function createStores(config: Pick<HubConfig, 'redis'> & Partial<Pick<HubConfig, 'timeline'>>): Stores {
  const timelineOptions = { maxEventsPerCustomer: config.timeline?.maxEventsPerCustomer };
  if (!config.redis) {
    return {
      kind: 'memory',
      identities: new MemoryIdentityStore(),
      audiences: new MemoryAudienceLedger(),
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
    timeline: new RedisTimelineStore(redis, config.redis.keyPrefix, timelineOptions),
    close: async () => {
      await redis.quit();
    },
  };
}
