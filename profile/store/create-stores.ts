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

export interface Stores {
  kind: 'memory' | 'redis';
  /** The shared connection (Redis mode only), for other adapters of the same process. */
  redis?: Redis;
  identities: IdentityStore;
  /** Who the hub placed in which ad audience, and the hashes never to upload again. */
  audiences: AudienceMembershipLedger;
  close(): Promise<void>;
}

export function createStores(config: Pick<HubConfig, 'redis'>): Stores {
  if (!config.redis) {
    return { kind: 'memory', identities: new MemoryIdentityStore(), audiences: new MemoryAudienceLedger(), close: async () => {} };
  }
  const redis = connectRedis(config)!;
  return {
    kind: 'redis',
    redis,
    identities: new RedisIdentityStore(redis, config.redis.keyPrefix),
    audiences: new RedisAudienceLedger(redis, config.redis.keyPrefix),
    close: async () => {
      await redis.quit();
    },
  };
}
