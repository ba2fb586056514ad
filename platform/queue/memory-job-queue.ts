/**
 * The in-process queue of the embedded mode. It mirrors the BullMQ adapter's semantics exactly
 * (the contract suite runs against both): data travels as JSON, running jobs hold a claim their
 * worker renews, a claim that lapses (the worker died) sends the job back to waiting, and a
 * dead worker's late result is ignored, as BullMQ ignores a completion without the lock.
 *
 * `MemoryQueueState` is what would survive a worker crash inside one process; several
 * MemoryJobQueue instances over one state behave like several processes over one Redis.
 */
import { randomUUID } from 'node:crypto';
import { retryDelayMs } from './backoff.js';
import { isPermanentJobError, reasonOf, STALLED_TOO_OFTEN } from './errors.js';
import {
  QUEUE_DEFAULTS,
  type DeadLetter,
  type Job,
  type JobCounts,
  type JobQueue,
  type JobQueueOptions,
  type ProcessOptions,
  type QueueWorker,
} from './job-queue.js';

type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface Entry {
  id: string;
  /** JSON, as BullMQ stores it: what a handler gets is a fresh parse, never the caller's object. */
  json: string;
  state: JobState;
  failures: number;
  stalls: number;
  lockToken?: string | undefined;
  lockedUntil?: number | undefined;
  reason?: string | undefined;
  finishedAt?: number | undefined;
  timer?: NodeJS.Timeout | undefined;
}

interface Queued {
  entries: Map<string, Entry>;
  waiting: string[];
  /** Completed ids in completion order, trimmed to keepCompleted. */
  completed: string[];
  wake: Set<() => void>;
}

/** The jobs of every queue in this process, by queue name. */
export class MemoryQueueState {
  private readonly queues = new Map<string, Queued>();

  of(name: string): Queued {
    let queued = this.queues.get(name);
    if (!queued) {
      queued = { entries: new Map(), waiting: [], completed: [], wake: new Set() };
      this.queues.set(name, queued);
    }
    return queued;
  }
}

export class MemoryJobQueue<T> implements JobQueue<T> {
  private readonly options: Required<JobQueueOptions>;
  private readonly q: Queued;
  private readonly workers = new Set<MemoryWorker<T>>();

  constructor(
    readonly name: string,
    options: JobQueueOptions = {},
    state: MemoryQueueState = new MemoryQueueState(),
  ) {
    this.options = { ...QUEUE_DEFAULTS, ...options };
    this.q = state.of(name);
  }

  async add(id: string, data: T, options: { delayMs?: number } = {}): Promise<boolean> {
    if (this.q.entries.has(id)) return false;
    const entry: Entry = { id, json: JSON.stringify(data), state: 'waiting', failures: 0, stalls: 0 };
    this.q.entries.set(id, entry);
    if (options.delayMs && options.delayMs > 0) this.delay(entry, options.delayMs);
    else this.enqueue(entry);
    return true;
  }

  process(handler: (job: Job<T>) => Promise<void>, options: ProcessOptions<T> = {}): QueueWorker {
    const worker = new MemoryWorker<T>(this, handler, options.concurrency ?? 1, options.onDeadLetter);
    this.workers.add(worker);
    worker.start();
    return {
      close: async (closeOptions) => {
        await worker.close(closeOptions?.force ?? false);
        this.workers.delete(worker);
      },
    };
  }

  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    return [...this.q.entries.values()]
      .filter((e) => e.state === 'failed')
      .sort((a, b) => b.finishedAt! - a.finishedAt!)
      .slice(0, limit)
      .map((e) => this.deadLetterOf(e));
  }

  async retryDeadLetter(id: string): Promise<boolean> {
    const entry = this.q.entries.get(id);
    if (!entry || entry.state !== 'failed') return false;
    Object.assign(entry, { failures: 0, stalls: 0, reason: undefined, finishedAt: undefined });
    this.enqueue(entry);
    return true;
  }

  async counts(): Promise<JobCounts> {
    const counts: JobCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    for (const entry of this.q.entries.values()) counts[entry.state]++;
    return counts;
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close(false)));
    this.workers.clear();
  }

  // --- used by MemoryWorker ---

  get lockMs(): number {
    return this.options.lockMs;
  }

  /** Claims the next waiting job for a worker, or undefined when none waits. */
  claim(): { entry: Entry; token: string; job: Job<T> } | undefined {
    for (let id = this.q.waiting.shift(); id !== undefined; id = this.q.waiting.shift()) {
      const entry = this.q.entries.get(id);
      if (!entry || entry.state !== 'waiting') continue;
      const token = randomUUID();
      Object.assign(entry, { state: 'active', lockToken: token, lockedUntil: Date.now() + this.options.lockMs });
      const job: Job<T> = { id, data: JSON.parse(entry.json) as T, attempt: entry.failures + 1 };
      return { entry, token, job };
    }
    return undefined;
  }

  holds(entry: Entry, token: string): boolean {
    return entry.state === 'active' && entry.lockToken === token;
  }

  renew(entry: Entry, token: string): void {
    if (this.holds(entry, token)) entry.lockedUntil = Date.now() + this.options.lockMs;
  }

  complete(entry: Entry, token: string): void {
    if (!this.holds(entry, token)) return; // a worker that lost its claim may not finish the job
    Object.assign(entry, { state: 'completed', lockToken: undefined, lockedUntil: undefined, finishedAt: Date.now() });
    this.q.completed.push(entry.id);
    while (this.q.completed.length > this.options.keepCompleted) {
      const old = this.q.completed.shift()!;
      if (this.q.entries.get(old)?.state === 'completed') this.q.entries.delete(old);
    }
  }

  /** Records a failed try; returns the dead letter when the job is out of tries. */
  fail(entry: Entry, token: string, error: unknown): DeadLetter<T> | undefined {
    if (!this.holds(entry, token)) return undefined;
    entry.failures++;
    entry.lockToken = entry.lockedUntil = undefined;
    if (isPermanentJobError(error) || entry.failures >= this.options.maxAttempts) {
      return this.bury(entry, reasonOf(error));
    }
    this.delay(entry, retryDelayMs(entry.failures, this.options));
    return undefined;
  }

  /** Sends jobs whose claim lapsed (their worker died) back to waiting; returns new dead letters. */
  recoverStalled(now = Date.now()): DeadLetter<T>[] {
    const buried: DeadLetter<T>[] = [];
    for (const entry of this.q.entries.values()) {
      if (entry.state !== 'active' || entry.lockedUntil! > now) continue;
      entry.stalls++;
      entry.lockToken = entry.lockedUntil = undefined;
      if (entry.stalls > this.options.maxAttempts) buried.push(this.bury(entry, STALLED_TOO_OFTEN));
      else this.enqueue(entry);
    }
    return buried;
  }

  onWake(wake: () => void): () => void {
    this.q.wake.add(wake);
    return () => this.q.wake.delete(wake);
  }

  private bury(entry: Entry, reason: string): DeadLetter<T> {
    Object.assign(entry, { state: 'failed', reason, finishedAt: Date.now() });
    return this.deadLetterOf(entry);
  }

  private enqueue(entry: Entry): void {
    entry.state = 'waiting';
    this.q.waiting.push(entry.id);
    for (const wake of this.q.wake) wake();
  }

  private delay(entry: Entry, ms: number): void {
    entry.state = 'delayed';
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (entry.state === 'delayed') this.enqueue(entry);
    }, ms);
    entry.timer.unref();
  }

  private deadLetterOf(entry: Entry): DeadLetter<T> {
    return {
      id: entry.id,
      data: JSON.parse(entry.json) as T,
      reason: entry.reason ?? '',
      attempts: entry.failures,
      failedAt: new Date(entry.finishedAt!).toISOString(),
    };
  }
}

class MemoryWorker<T> {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  /** A force-closed worker is dead: whatever its abandoned handlers do afterwards is ignored. */
  private dead = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly held = new Map<Entry, string>();

  constructor(
    private readonly queue: MemoryJobQueue<T>,
    private readonly handler: (job: Job<T>) => Promise<void>,
    private readonly concurrency: number,
    private readonly onDeadLetter: ((deadLetter: DeadLetter<T>) => void) | undefined,
  ) {}

  start(): void {
    this.unsubscribe = this.queue.onWake(() => this.pump());
    // Renew our claims and take back lapsed ones at half the claim's life, as BullMQ does.
    this.timer = setInterval(() => this.tick(), Math.max(10, Math.floor(this.queue.lockMs / 2)));
    this.timer.unref();
    this.tick();
  }

  async close(force: boolean): Promise<void> {
    this.stopped = true;
    this.dead = force;
    this.unsubscribe?.();
    clearInterval(this.timer);
    if (!force) await Promise.allSettled([...this.running]);
  }

  private tick(): void {
    if (this.stopped) return;
    for (const [entry, token] of this.held) this.queue.renew(entry, token);
    for (const deadLetter of this.queue.recoverStalled()) this.onDeadLetter?.(deadLetter);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency) {
      const claimed = this.queue.claim();
      if (!claimed) return;
      const run = this.run(claimed).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run({ entry, token, job }: NonNullable<ReturnType<MemoryJobQueue<T>['claim']>>): Promise<void> {
    this.held.set(entry, token);
    try {
      await this.handler(job);
      if (!this.dead) this.queue.complete(entry, token);
    } catch (error) {
      const deadLetter = this.dead ? undefined : this.queue.fail(entry, token, error);
      if (deadLetter) this.onDeadLetter?.(deadLetter);
    } finally {
      this.held.delete(entry);
    }
  }
}
