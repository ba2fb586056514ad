/**
 * Klaviyo's bulk subscription and deletion endpoints answer 202 with an empty body and apply the
 * change later. The queue holds accepted jobs and runs them after `delayMs`, in order;
 * `POST /__sandbox/jobs/run` runs whatever is pending at once (tests use it instead of sleeping).
 */
export interface SandboxJob {
  id: number;
  kind: 'subscribe' | 'unsubscribe' | 'deletion';
  acceptedAt: string;
  /** Applies the job to the state; resolves once its webhooks are sent. */
  run: () => Promise<unknown>;
}

export interface JobRecord {
  id: number;
  kind: SandboxJob['kind'];
  acceptedAt: string;
  status: 'queued' | 'complete' | 'failed';
  result?: unknown;
  error?: string;
}

export class JobQueue {
  private readonly pending: SandboxJob[] = [];
  private readonly records: JobRecord[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly delayMs: number) {}

  enqueue(kind: SandboxJob['kind'], run: SandboxJob['run']): number {
    const job: SandboxJob = { id: this.nextId++, kind, acceptedAt: new Date().toISOString(), run };
    this.pending.push(job);
    this.records.push({ id: job.id, kind, acceptedAt: job.acceptedAt, status: 'queued' });
    this.timer ??= setTimeout(() => void this.runPending(), this.delayMs);
    this.timer.unref?.();
    return job.id;
  }

  /** Runs every job accepted so far, one after the other; resolves when they are done. */
  runPending(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(async () => {
      while (this.pending.length > 0) {
        const job = this.pending.shift()!;
        const record = this.records.find((r) => r.id === job.id)!;
        try {
          record.result = await job.run();
          record.status = 'complete';
        } catch (error) {
          record.status = 'failed';
          record.error = (error as Error).message;
        }
      }
    });
    return this.running;
  }

  list(): readonly JobRecord[] {
    return this.records;
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
