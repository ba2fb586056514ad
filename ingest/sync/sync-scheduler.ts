/**
 * Runs each vendor's incremental sync on an interval, every page applied through applyBatch and
 * the checkpoint saved after it (by the connector), so a crash or a restart resumes where it
 * stopped. At most one run per vendor at a time: asking for a run while one is going returns the
 * running one. A tick runs the vendors in parallel, then Google Ads (see vendor-syncs.ts).
 * `close` aborts the runs between pages and waits for them.
 */
import type { CheckpointStore, SyncProgress, VendorName, VendorSync } from '../../connectors/unified/contracts.js';
import type { Logger } from '../../platform/logger.js';
import type { ApplyBatch } from '../apply-batch.js';

export interface SyncSchedulerOptions {
  syncs: readonly VendorSync[];
  checkpoints: CheckpointStore;
  apply: ApplyBatch;
  /** Between the end of one tick and the start of the next; 0 never ticks (runs only on request). */
  intervalMs: number;
  logger: Logger;
}

export interface SyncRunReport {
  vendor: VendorName;
  streams: SyncProgress[];
  /** Stopped between pages (closing, a time budget): the next run goes on from its checkpoints. */
  stopped?: boolean;
  error?: string;
}

export class SyncScheduler {
  private readonly running = new Map<VendorName, Promise<SyncRunReport>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private tickInFlight: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly options: SyncSchedulerOptions) {}

  /** Starts ticking: a first tick at once (in the background), then one interval after each. */
  start(): void {
    if (this.options.intervalMs > 0 && !this.closed) this.schedule(0);
  }

  /** Runs one vendor's sync now, or joins the run already going. */
  run(vendor: VendorName, signal?: AbortSignal): Promise<SyncRunReport> {
    const going = this.running.get(vendor);
    if (going) return going;
    if (this.closed) return Promise.resolve({ vendor, streams: [], error: 'the scheduler is closed' });
    const sync = this.options.syncs.find((s) => s.vendor === vendor);
    if (!sync) return Promise.resolve({ vendor, streams: [], error: 'no sync for this vendor' });
    const stop = signal ? AbortSignal.any([this.abort.signal, signal]) : this.abort.signal;
    const run = this.execute(sync, stop).finally(() => this.running.delete(vendor));
    this.running.set(vendor, run);
    return run;
  }

  /**
   * One round over every vendor (Google Ads after the others), or over all but `except`. A
   * `signal` stops the round between pages: each vendor keeps the checkpoint of its last page, and
   * the next round goes on from there.
   */
  async tick(except: readonly VendorName[] = [], signal?: AbortSignal): Promise<SyncRunReport[]> {
    const syncs = this.options.syncs.filter((s) => !except.includes(s.vendor));
    const first = syncs.filter((s) => s.vendor !== 'google-ads');
    const last = syncs.filter((s) => s.vendor === 'google-ads');
    const reports = await Promise.all(first.map((s) => this.run(s.vendor, signal)));
    for (const sync of last) if (!this.closed && !signal?.aborted) reports.push(await this.run(sync.vendor, signal));
    return reports;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([this.tickInFlight, ...this.running.values()]);
  }

  private schedule(delayMs = this.options.intervalMs): void {
    this.timer = setTimeout(() => {
      this.tickInFlight = this.tick()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'sync tick failed'))
        .finally(() => {
          this.tickInFlight = undefined;
          if (!this.closed) this.schedule();
        });
    }, delayMs);
    this.timer.unref();
  }

  private async execute(sync: VendorSync, signal: AbortSignal): Promise<SyncRunReport> {
    const { checkpoints, apply, logger } = this.options;
    try {
      const streams = await sync.run({ checkpoints, sink: async (batch) => void (await apply(batch)), signal });
      logger.debug({ vendor: sync.vendor, streams }, 'sync run done');
      return { vendor: sync.vendor, streams, ...(signal.aborted ? { stopped: true } : {}) };
    } catch (error) {
      // A stopped run (closing, a start-up budget) is not a failure: its checkpoints hold where it stopped.
      if (signal.aborted) return { vendor: sync.vendor, streams: [], stopped: true };
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ vendor: sync.vendor, err: message }, 'sync run failed; the next tick resumes from its checkpoint');
      return { vendor: sync.vendor, streams: [], error: message };
    }
  }
}
