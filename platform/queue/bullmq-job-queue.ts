/**
 * The JobQueue on BullMQ (Redis): jobs survive any process, workers in many processes share
 * them, and BullMQ's locks and stalled-job checker give at-least-once after a crash.
 * @see https://docs.bullmq.io/guide/retrying-failing-jobs
 * @see https://docs.bullmq.io/guide/workers/stalled-jobs
 */
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { retryDelayMs } from './backoff.js';
import { isPermanentJobError, reasonOf } from './errors.js';
import {
  QUEUE_DEFAULTS,
  type DeadLetter,
  type JobCounts,
  type JobQueue,
  type JobQueueOptions,
  type ProcessOptions,
  type QueueWorker,
  type Job,
} from './job-queue.js';

/** The job as stored: our id travels beside the data, since BullMQ ids may not contain `:`. */
interface Envelope<T> {
  id: string;
  data: T;
}

export interface BullMqConnection {
  url: string;
  /** BullMQ's key prefix, e.g. `hub:bull`: every key of the queue starts with it. */
  prefix: string;
  /** Errors of the Redis connections that no call is waiting for (reconnects, ...). */
  onError?: (error: Error) => void;
}

// Custom ids may be neither integers nor contain ':' (BullMQ uses it in its keys).
const toJobId = (id: string) => `j-${encodeURIComponent(id)}`;

export class BullMqJobQueue<T> implements JobQueue<T> {
  private readonly options: Required<JobQueueOptions>;
  private readonly redis: Redis;
  private readonly queue: Queue<Envelope<T>>;
  private readonly workers = new Set<Worker<Envelope<T>>>();

  constructor(
    readonly name: string,
    private readonly connection: BullMqConnection,
    options: JobQueueOptions = {},
  ) {
    this.options = { ...QUEUE_DEFAULTS, ...options };
    // Producers fail fast when Redis is gone, so a webhook is answered 503 (and retried by the vendor).
    this.redis = new Redis(connection.url, { maxRetriesPerRequest: 2 });
    this.redis.on('error', (error) => connection.onError?.(error));
    this.queue = new Queue<Envelope<T>>(name, {
      connection: this.redis,
      prefix: connection.prefix,
      defaultJobOptions: {
        attempts: this.options.maxAttempts,
        backoff: { type: 'hub' },
        removeOnComplete: { count: this.options.keepCompleted },
        removeOnFail: false,
      },
    });
    this.queue.on('error', (error) => connection.onError?.(error));
  }

  async add(id: string, data: T, options: { delayMs?: number } = {}): Promise<boolean> {
    // BullMQ answers alike whether it created the job or found one with that id; a fresh name
    // per call, read back from the job hash, tells which happened.
    const nonce = randomUUID();
    const jobId = toJobId(id);
    await this.queue.add(nonce, { id, data }, { jobId, ...(options.delayMs ? { delay: options.delayMs } : {}) });
    return (await this.redis.hget(this.queue.toKey(jobId), 'name')) === nonce;
  }

  process(handler: (job: Job<T>) => Promise<void>, options: ProcessOptions<T> = {}): QueueWorker {
    const worker = new Worker<Envelope<T>>(
      this.name,
      async (job) => {
        try {
          await handler({ id: job.data.id, data: job.data.data, attempt: job.attemptsMade + 1 });
        } catch (error) {
          // UnrecoverableError is BullMQ's "do not retry": the job fails at once, reason kept.
          if (isPermanentJobError(error)) throw new UnrecoverableError(reasonOf(error));
          throw error instanceof Error ? error : new Error(reasonOf(error));
        }
      },
      {
        connection: { url: this.connection.url, maxRetriesPerRequest: null },
        prefix: this.connection.prefix,
        concurrency: options.concurrency ?? 1,
        lockDuration: this.options.lockMs,
        stalledInterval: Math.max(10, Math.floor(this.options.lockMs / 2)),
        // A job whose workers keep dying is dead-lettered after as many crashes as tries.
        maxStalledCount: this.options.maxAttempts,
        settings: { backoffStrategy: (failures: number) => retryDelayMs(failures, this.options) },
      },
    );
    worker.on('error', (error) => this.connection.onError?.(error));
    worker.on('failed', (job) => {
      if (!job || !options.onDeadLetter || !this.isFinal(job)) return;
      options.onDeadLetter(this.deadLetterOf(job));
    });
    this.workers.add(worker);
    return {
      close: async (closeOptions) => {
        await worker.close(closeOptions?.force ?? false);
        this.workers.delete(worker);
      },
    };
  }

  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs
      .map((job) => this.deadLetterOf(job as BullJob<Envelope<T>>))
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt));
  }

  async retryDeadLetter(id: string): Promise<boolean> {
    const job = await this.queue.getJob(toJobId(id));
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.close()));
    this.workers.clear();
    await this.queue.close();
    await this.redis.quit();
  }

  /** BullMQ emits `failed` for every failed try; only a job that will not be retried has finished. */
  private isFinal(job: BullJob<Envelope<T>>): boolean {
    return job.finishedOn !== undefined;
  }

  private deadLetterOf(job: BullJob<Envelope<T>>): DeadLetter<T> {
    return {
      id: job.data.id,
      data: job.data.data,
      reason: job.failedReason ?? '',
      attempts: job.attemptsMade,
      failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
    };
  }
}
