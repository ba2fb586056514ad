/**
 * Takes verified deliveries off the webhook queue, maps each through its connector's `toBatch`
 * and applies the batch. Failures the vendor's answer makes final (a body that will never parse,
 * a record the vendor refuses to return) dead-letter at once with their reason; everything else
 * is retried with backoff by the queue and dead-letters after its last try. A delivery whose
 * worker died mid-run runs again (at-least-once); applyBatch being idempotent makes that safe.
 */
import { ZodError } from 'zod';
import { isVendorError } from '../connectors/http/errors.js';
import type { Logger } from '../platform/logger.js';
import { PermanentJobError, reasonOf } from '../platform/queue/errors.js';
import type { Job, JobQueue, QueueWorker } from '../platform/queue/job-queue.js';
import type { ApplyBatch } from './apply-batch.js';
import { handlerOf, type WebhookHandlers } from './webhooks/webhook-handlers.js';
import { toWebhookRequest, type WebhookJob } from './webhooks/webhook-job.js';

export interface WebhookWorkerOptions {
  queue: JobQueue<WebhookJob>;
  handlers: WebhookHandlers;
  apply: ApplyBatch;
  logger: Logger;
  /** Deliveries mapped at once (each may call its vendor). @default 4 */
  concurrency?: number;
}

/** Whether trying the same delivery again could give another answer. */
function isFinal(error: unknown): boolean {
  if (isVendorError(error)) return !error.retryable;
  return error instanceof ZodError || error instanceof SyntaxError || error instanceof TypeError;
}

export function webhookJobHandler(options: Pick<WebhookWorkerOptions, 'handlers' | 'apply' | 'logger'>) {
  return async (job: Job<WebhookJob>): Promise<void> => {
    const handler = handlerOf(options.handlers, job.data.vendor);
    if (!handler) throw new PermanentJobError(`no webhook handler for vendor "${job.data.vendor}"`);
    let batch;
    try {
      batch = await handler.toBatch(toWebhookRequest(job.data));
    } catch (error) {
      if (isFinal(error)) throw new PermanentJobError(`${job.data.vendor} delivery could not be mapped: ${reasonOf(error)}`, { cause: error });
      throw error;
    }
    const report = await options.apply(batch);
    options.logger.debug({ job: job.id, attempt: job.attempt, ...report }, 'webhook applied');
    if (report.erasuresUnhandled > 0) {
      options.logger.error({ job: job.id, vendor: job.data.vendor, erasures: report.erasuresUnhandled }, 'erasure requested by the vendor but no erase hook is wired');
    }
  };
}

/** A worker that can be stopped (gracefully, or abandoning its jobs as a crash would) and started again. */
export class WebhookWorker {
  private current: QueueWorker | undefined;

  constructor(private readonly options: WebhookWorkerOptions) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  start(): void {
    if (this.current) return;
    const { queue, logger } = this.options;
    this.current = queue.process(webhookJobHandler(this.options), {
      concurrency: this.options.concurrency ?? 4,
      onDeadLetter: (dead) => logger.error({ job: dead.id, vendor: dead.data.vendor, reason: dead.reason, attempts: dead.attempts }, 'webhook dead-lettered'),
    });
  }

  async stop(options?: { force?: boolean }): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.close(options);
  }
}
