/**
 * Sync checkpoints in one Redis hash per namespace (`{prefix}checkpoints:{namespace}`): a sync
 * that crashes resumes from here in any process, and `clear` is one DEL.
 */
import type { Redis } from 'ioredis';
import type { CheckpointStore } from '../../connectors/unified/contracts.js';

export class RedisCheckpointStore implements CheckpointStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    namespace: string,
  ) {
    this.key = `${keyPrefix}checkpoints:${namespace}`;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key, key)) ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.redis.hset(this.key, key, value);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
