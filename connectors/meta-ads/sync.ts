/**
 * Incremental sync of Meta leads, per lead form. A form's checkpoint keeps the newest lead time
 * seen; the next run asks for leads created after it minus a lookback (a lead can become readable
 * a little after its creation time), and the timeline dedupes the overlap by event id. Mid-run,
 * the checkpoint also keeps the paging cursor, saved after every page, so a crash resumes at the
 * next page whatever order Meta returns leads in; a cursor Meta no longer accepts restarts the form
 * from the same lower bound, so no lead is ever skipped.
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#bulk-read
 */
import { z } from 'zod';
import { isVendorError } from '../http/errors.js';
import type { SyncProgress, SyncRunOptions, VendorSync } from '../unified/contracts.js';
import type { MetaLeadsApi } from './leads-api.js';
import { graphTimeToUnix } from './mappers/lead-time.js';
import { toLeadBatch } from './mappers/to-lead-event.js';

const Checkpoint = z.object({
  /** Newest lead creation time read to the end (unix seconds). */
  newest: z.number().int().optional(),
  /** An unfinished run: its lower bound, the cursor after its last saved page and the newest time it saw. */
  running: z.object({ createdAfter: z.number().int().optional(), after: z.string(), newest: z.number().int().optional() }).optional(),
});
type Checkpoint = z.infer<typeof Checkpoint>;

export interface MetaLeadSyncOptions {
  leads: MetaLeadsApi;
  /** Seconds re-read before the checkpoint. @default 600 */
  lookbackSeconds?: number;
  pageSize?: number;
}

export function createMetaLeadSync(options: MetaLeadSyncOptions): VendorSync {
  const lookback = options.lookbackSeconds ?? 600;
  return {
    vendor: 'meta',
    streams: ['leads'],
    async run({ checkpoints, sink, signal, onProgress, full }: SyncRunOptions): Promise<SyncProgress[]> {
      const progress: SyncProgress = { vendor: 'meta', stream: 'leads', records: 0 };
      for await (const forms of options.leads.listLeadForms()) {
        for (const form of forms) {
          signal?.throwIfAborted();
          const key = `meta:leads:${form.id}`;
          const saved = full ? {} : readCheckpoint(await checkpoints.get(key));
          const createdAfter = saved.running ? saved.running.createdAfter : saved.newest === undefined ? undefined : saved.newest - lookback;
          let newest = Math.max(saved.newest ?? -Infinity, saved.running?.newest ?? -Infinity);
          const read = async (after: string | undefined) => {
            for await (const page of options.leads.leadPages(form.id, { createdAfter, after, pageSize: options.pageSize })) {
              signal?.throwIfAborted();
              if (page.data.length > 0) await sink(toLeadBatch(page.data));
              for (const lead of page.data) newest = Math.max(newest, graphTimeToUnix(lead.created_time));
              progress.records += page.data.length;
              onProgress?.({ ...progress });
              const best = Number.isFinite(newest) ? newest : undefined;
              const next: Checkpoint =
                page.hasNext && page.after
                  ? { ...(saved.newest === undefined ? {} : { newest: saved.newest }), running: { ...(createdAfter === undefined ? {} : { createdAfter }), after: page.after, ...(best === undefined ? {} : { newest: best }) } }
                  : best === undefined ? {} : { newest: best };
              await checkpoints.set(key, JSON.stringify(next));
            }
          };
          try {
            await read(saved.running?.after);
          } catch (error) {
            // A stale cursor: read the form again from the same lower bound.
            if (!(saved.running && isVendorError(error) && error.code === 'UPSTREAM_BAD_REQUEST')) throw error;
            await read(undefined);
          }
        }
      }
      return [progress];
    },
  };
}

function readCheckpoint(raw: string | undefined): Checkpoint {
  if (raw === undefined) return {};
  try {
    const parsed = Checkpoint.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
