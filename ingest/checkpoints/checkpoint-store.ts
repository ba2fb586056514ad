/**
 * Where ingest keeps each sync's place, by namespace: `sync` for the scheduler, `backfill` for
 * the backfill command (so a backfill never moves the scheduler's place, and resumes on its own).
 */
import type { Redis } from 'ioredis';
import type { CheckpointStore } from '../../connectors/unified/contracts.js';
import { MemoryCheckpointStore } from './memory-checkpoint-store.js';
import { RedisCheckpointStore } from './redis-checkpoint-store.js';

export interface ClearableCheckpointStore extends CheckpointStore {
  clear(): Promise<void>;
}

export type CheckpointNamespace = 'sync' | 'backfill';

/** Opens one namespace's checkpoints; memory namespaces of one factory share one map. */
export type CheckpointStores = (namespace: CheckpointNamespace) => ClearableCheckpointStore;

export function createCheckpointStores(redis: Redis | undefined, keyPrefix = 'hub:'): CheckpointStores {
  if (!redis) {
    const values = new Map<string, string>();
    return (namespace) => new MemoryCheckpointStore(`${namespace}:`, values);
  }
  return (namespace) => new RedisCheckpointStore(redis, keyPrefix, namespace);
}
