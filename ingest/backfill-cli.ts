/**
 * `npm run backfill -- --vendor all|hubspot|shopify|klaviyo|meta|google-ads[,…] [--restart]`:
 * runs the backfill (backfill.ts) with one progress line per vendor (records read, records/s,
 * state). Ctrl-C stops between pages; running the same command again resumes where it stopped.
 * The process entry (bin/backfill.ts) builds the connectors and stores; this file is the command.
 */
import cliProgress from 'cli-progress';
import { VENDORS, type Vendor } from '../config/env.js';
import type { Connectors } from '../connectors/create-connectors.js';
import type { VendorName } from '../connectors/unified/contracts.js';
import type { ApplyBatch } from './apply-batch.js';
import { runBackfill, type BackfillResult, type BackfillVendorReport } from './backfill.js';
import type { ClearableCheckpointStore } from './checkpoints/checkpoint-store.js';
import { vendorSyncsOf } from './sync/vendor-syncs.js';

export interface BackfillArgs {
  vendors: Vendor[];
  restart: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run backfill -- --vendor all|${VENDORS.join('|')}[,...] [--restart]`;

export function parseBackfillArgs(argv: readonly string[]): BackfillArgs {
  let vendorArg = 'all';
  let restart = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--restart') restart = true;
    else if (arg === '--vendor') vendorArg = argv[++i] ?? '';
    else if (arg.startsWith('--vendor=')) vendorArg = arg.slice('--vendor='.length);
    else throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
  }
  const names = vendorArg.split(',').map((v) => v.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`--vendor needs a value\n${USAGE}`);
  if (names.includes('all')) return { vendors: [...VENDORS], restart };
  const unknown = names.filter((n) => !(VENDORS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`unknown vendor "${unknown.join(', ')}"\n${USAGE}`);
  return { vendors: names as Vendor[], restart };
}

export interface BackfillCliDependencies {
  connectors: Connectors;
  checkpoints: ClearableCheckpointStore;
  apply: ApplyBatch;
  signal?: AbortSignal;
  /** Where the progress bars go. @default process.stderr */
  output?: NodeJS.WritableStream;
  /** Redraw even when the output is no terminal (tests, CI logs), every this many ms. */
  notTTYScheduleMs?: number;
}

const STATES: Record<'running' | 'done' | 'skipped' | 'stopped' | 'failed', string> = {
  running: 'reading',
  done: 'done',
  skipped: 'done earlier',
  stopped: 'stopped: run again to resume',
  failed: 'failed',
};

const stateOf = (report: BackfillVendorReport) =>
  report.error ? `${STATES.failed}: ${report.error}` : report.skipped ? STATES.skipped : report.interrupted ? STATES.stopped : STATES.done;

export async function runBackfillCli(args: BackfillArgs, deps: BackfillCliDependencies): Promise<BackfillResult> {
  const syncs = vendorSyncsOf(deps.connectors, args.vendors as VendorName[]);
  const bars = new cliProgress.MultiBar(
    {
      format: ' {vendor} | {value} records | {rate} records/s | {state}',
      stream: deps.output ?? process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: deps.notTTYScheduleMs !== undefined,
      notTTYSchedule: deps.notTTYScheduleMs ?? 2000,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = new Map<VendorName, number>();
  const width = Math.max(...syncs.map((s) => s.vendor.length));
  const rate = (vendor: VendorName, records: number) => {
    const seconds = (Date.now() - (startedAt.get(vendor) ?? Date.now())) / 1000;
    return (records / Math.max(seconds, 0.001)).toFixed(1);
  };
  // Totals are unknown until each vendor's last page: the bar counts, it does not fill.
  const barOf = new Map(
    syncs.map((s) => {
      const payload = { vendor: s.vendor.padEnd(width), rate: '0.0', state: 'waiting' };
      const bar = bars.create(Number.MAX_SAFE_INTEGER, 0, payload);
      bar.update(0, payload); // a bar on no terminal is never started: give it its payload anyway, for the final lines
      return [s.vendor, bar] as const;
    }),
  );
  try {
    return await runBackfill({
      syncs,
      checkpoints: deps.checkpoints,
      apply: deps.apply,
      signal: deps.signal,
      restart: args.restart,
      onVendorStart: (vendor) => {
        startedAt.set(vendor, Date.now());
        barOf.get(vendor)?.update({ state: STATES.running });
      },
      onProgress: (vendor, records) => barOf.get(vendor)?.update(records, { rate: rate(vendor, records) }),
      onVendorDone: (report) => barOf.get(report.vendor)?.update(report.records, { rate: rate(report.vendor, report.records), state: stateOf(report) }),
    });
  } finally {
    bars.stop();
  }
}
