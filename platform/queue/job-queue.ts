/**
 * A durable job queue with retries and a dead-letter list. Adapters: in-process (embedded mode)
 * and BullMQ on Redis; both pass one contract suite (job-queue.contract.ts).
 */
export interface Job<T> {
  id: string;
  data: T;
  /** 1 on the first try. */
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
}

export interface QueueWorker {
  close(): Promise<void>;
}

export interface JobQueue<T> {
  readonly name: string;
  /**
   * Adds a job. A job whose id is already waiting, running, or done and still remembered is not
   * added again (returns false): enqueueing is idempotent per id.
   */
  add(id: string, data: T, options?: { delayMs?: number }): Promise<boolean>;
  /**
   * Runs `handler` for every job, `concurrency` at a time. A throw retries the job with backoff;
   * after `maxAttempts` it moves to the dead-letter list with the error message as its reason.
   * A job interrupted by a crash is run again after restart (at-least-once): handlers are idempotent.
   */
  process(handler: (job: Job<T>) => Promise<void>, options?: { concurrency?: number }): QueueWorker;
  deadLetters(limit?: number): Promise<DeadLetter<T>[]>;
  /** Re-queues a dead letter for another round of attempts. */
  retryDeadLetter(id: string): Promise<boolean>;
  counts(): Promise<{ waiting: number; active: number; delayed: number; completed: number; failed: number }>;
  close(): Promise<void>;
}
