/**
 * Chooses the queue adapter: BullMQ when Redis is configured, the in-process queue otherwise
 * (embedded mode). Every queue of one hub comes from one factory.
 */
import { BullMqJobQueue } from './bullmq-job-queue.js';
import type { JobQueueFactory, JobQueueOptions } from './job-queue.js';
import { MemoryJobQueue, MemoryQueueState } from './memory-job-queue.js';

export interface QueueBackendConfig {
  url: string;
  /** The hub's Redis key prefix (`hub:`); queues live under `{keyPrefix}bull:`. */
  keyPrefix: string;
}

export function createJobQueueFactory(
  redis: QueueBackendConfig | undefined,
  onError: (error: Error) => void = () => {},
): JobQueueFactory {
  if (!redis) {
    const state = new MemoryQueueState();
    return { kind: 'memory', open: <T>(name: string, options?: JobQueueOptions) => new MemoryJobQueue<T>(name, options, state) };
  }
  const connection = { url: redis.url, prefix: `${redis.keyPrefix}bull`, onError };
  return { kind: 'redis', open: <T>(name: string, options?: JobQueueOptions) => new BullMqJobQueue<T>(name, connection, options) };
}
