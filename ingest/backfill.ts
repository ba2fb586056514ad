/**
 * The backfill: every vendor's sync read from the beginning, every page applied through
 * applyBatch, on checkpoints of its own namespace. A fresh namespace holds no checkpoint, so each
 * sync reads everything (what `full` does), but unlike `full` it saves its place after every page:
 * stopped half-way (Ctrl-C, a crash), the next run resumes at the page it stopped on and skips
 * the vendors already finished. Vendors run side by side, Google Ads after them (it links only
 * gclids the others made known). Once every vendor finished, the next run starts over.
 */
import type { SyncProgress, VendorName, VendorSync } from '../connectors/unified/contracts.js';
import type { ApplyBatch } from './apply-batch.js';
import type { ClearableCheckpointStore } from './checkpoints/checkpoint-store.js';

export interface BackfillOptions {
  syncs: readonly VendorSync[];
  /** The backfill's own namespace (never the scheduler's). */
  checkpoints: ClearableCheckpointStore;
  apply: ApplyBatch;
  signal?: AbortSignal;
  /** Forget an unfinished backfill and start over. */
  restart?: boolean;
  /** Records read so far by one vendor, over all its streams. */
  onProgress?: (vendor: VendorName, records: number, stream: string) => void;
  onVendorStart?: (vendor: VendorName) => void;
  onVendorDone?: (report: BackfillVendorReport) => void;
}

export interface BackfillVendorReport {
  vendor: VendorName;
  /** Records read in this run (a resumed run counts only what it read itself). */
  records: number;
  /** Already finished by an earlier run of this backfill. */
  skipped: boolean;
  /** Stopped by the signal before the end; the next run resumes. */
  interrupted: boolean;
  error?: string;
}

export interface BackfillResult {
  vendors: BackfillVendorReport[];
  /** Every vendor finished without error: the next run starts over. */
  complete: boolean;
}

const STATE_KEY = '__backfill:state';
const doneKey = (vendor: VendorName) => `__backfill:done:${vendor}`;

async function runVendor(sync: VendorSync, options: BackfillOptions): Promise<BackfillVendorReport> {
  const report: BackfillVendorReport = { vendor: sync.vendor, records: 0, skipped: false, interrupted: false };
  if (await options.checkpoints.get(doneKey(sync.vendor))) return { ...report, skipped: true };
  const streams = new Map<string, number>();
  const progressed = (progress: SyncProgress) => {
    streams.set(progress.stream, progress.records);
    report.records = [...streams.values()].reduce((a, b) => a + b, 0);
    options.onProgress?.(sync.vendor, report.records, progress.stream);
  };
  try {
    await sync.run({
      checkpoints: options.checkpoints,
      sink: async (batch) => void (await options.apply(batch)),
      signal: options.signal,
      onProgress: progressed,
    });
  } catch (error) {
    if (options.signal?.aborted) return { ...report, interrupted: true };
    return { ...report, error: error instanceof Error ? error.message : String(error) };
  }
  // Syncs stop between pages when aborted and return normally: not finished, resume next time.
  if (options.signal?.aborted) return { ...report, interrupted: true };
  await options.checkpoints.set(doneKey(sync.vendor), new Date().toISOString());
  return report;
}

export async function runBackfill(options: BackfillOptions): Promise<BackfillResult> {
  const { checkpoints } = options;
  if (options.restart || (await checkpoints.get(STATE_KEY)) === 'complete') await checkpoints.clear();
  await checkpoints.set(STATE_KEY, 'running');
  const runOne = async (sync: VendorSync): Promise<BackfillVendorReport> => {
    if (options.signal?.aborted) return { vendor: sync.vendor, records: 0, skipped: false, interrupted: true };
    options.onVendorStart?.(sync.vendor);
    const report = await runVendor(sync, options);
    options.onVendorDone?.(report);
    return report;
  };
  // The vendors side by side, then Google Ads (it links only gclids the others made known).
  const vendors = await Promise.all(options.syncs.filter((s) => s.vendor !== 'google-ads').map(runOne));
  for (const sync of options.syncs.filter((s) => s.vendor === 'google-ads')) vendors.push(await runOne(sync));
  const complete = vendors.every((v) => !v.error && !v.interrupted);
  if (complete) await checkpoints.set(STATE_KEY, 'complete');
  return { vendors, complete };
}
