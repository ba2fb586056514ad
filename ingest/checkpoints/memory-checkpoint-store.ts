/**
 * Sync checkpoints in process memory (embedded mode). Several stores over one map with different
 * namespaces behave like the Redis adapter's key prefixes: the scheduler's and the backfill's
 * places never mix.
 */
import type { CheckpointStore } from '../../connectors/unified/contracts.js';

export class MemoryCheckpointStore implements CheckpointStore {
  constructor(
    private readonly namespace: string,
    private readonly values: Map<string, string> = new Map(),
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.values.get(this.namespace + key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(this.namespace + key, value);
  }

  /** Forgets every checkpoint of this namespace (a backfill that starts over). */
  async clear(): Promise<void> {
    for (const key of [...this.values.keys()]) if (key.startsWith(this.namespace)) this.values.delete(key);
  }
}
