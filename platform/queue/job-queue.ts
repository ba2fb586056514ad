/**
 * A durable job queue with retries and a dead-letter list. Adapters: in-process (embedded mode,
 * memory-job-queue.ts) and BullMQ on Redis (bullmq-job-queue.ts); both pass one contract suite
 * (job-queue.contract.ts), so code written against this interface behaves the same on either.
 *
 * Guarantees: enqueueing is idempotent per job id; a failed try is retried with capped
 * exponential backoff and jitter; after `maxAttempts` (or a PermanentJobError) the job becomes a
 * dead letter with the reason kept; a job whose worker died mid-run is run again once its claim
 * lapses (at-least-once), so handlers must be idempotent.
 */
export interface Job<T> {
  id: string;
  data: T;
  /** 1 on the first try. A run interrupted by a crash does not count as a try. */
  attempt: number;
}

export interface DeadLetter<T> {
  id: string;
  data: T;
  /** The last error's message: why the job could not be done. */
  reason: string;
  attempts: number;
  failedAt: string;
}

export interface JobQueueOptions {
  /** Tries before a job goes to the dead-letter list. @default 8 */
  maxAttempts?: number;
  /** Base of the exponential backoff between tries, in ms (with jitter). @default 500 */
  backoffMs?: number;
  /** Upper bound of one backoff wait, in ms. @default 60000 */
  maxBackoffMs?: number;
  /**
   * How long a running job stays claimed without its worker renewing the claim. When a worker
   * dies, its jobs run again on another worker once this lapses. @default 30000
   */
  lockMs?: number;
  /** How many completed jobs are remembered, so that adding their id again is refused. @default 10000 */
  keepCompleted?: number;
}

export const QUEUE_DEFAULTS: Required<JobQueueOptions> = {
  maxAttempts: 8,
  backoffMs: 500,
  maxBackoffMs: 60_000,
  lockMs: 30_000,
  keepCompleted: 10_000,
};

export interface ProcessOptions<T> {
  /** Jobs run at once by this worker. @default 1 */
  concurrency?: number;
  /** Called once when a job becomes a dead letter (to log or count it). */
  onDeadLetter?: (deadLetter: DeadLetter<T>) => void;
}

export interface QueueWorker {
  /**
   * Stops taking jobs. By default waits for the running ones to finish; with `force` it abandons
   * them as a crash would: they keep their claim until it lapses, then run again elsewhere.
   */
  close(options?: { force?: boolean }): Promise<void>;
}

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface JobQueue<T> {
  readonly name: string;
  /**
   * Adds a job; its data must survive JSON (Buffers travel as base64 strings). A job whose id is
   * already waiting, running, delayed, dead, or done and still remembered is not added again
   * (returns false): enqueueing is idempotent per id.
   */
  add(id: string, data: T, options?: { delayMs?: number }): Promise<boolean>;
  /**
   * Runs `handler` for every job, `concurrency` at a time. A throw retries the job with backoff;
   * after `maxAttempts`, or at once for a PermanentJobError, it moves to the dead-letter list
   * with the error message as its reason.
   */
  process(handler: (job: Job<T>) => Promise<void>, options?: ProcessOptions<T>): QueueWorker;
  /** Dead letters, most recent first. */
  deadLetters(limit?: number): Promise<DeadLetter<T>[]>;
  /** Re-queues a dead letter for a fresh round of attempts; false when no dead letter has that id. */
  retryDeadLetter(id: string): Promise<boolean>;
  counts(): Promise<JobCounts>;
  /** Closes the queue and every worker it started (waiting for their running jobs). */
  close(): Promise<void>;
}

/** Opens queues by name; one factory per hub, backed by memory or Redis. */
export interface JobQueueFactory {
  readonly kind: 'memory' | 'redis';
  open<T>(name: string, options?: JobQueueOptions): JobQueue<T>;
}
