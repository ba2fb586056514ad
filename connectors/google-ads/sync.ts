/**
 * The incremental click sync. Google Ads has no webhooks and answers click_view one day per
 * query, back 90 days, so the sync walks days: from the day after its checkpoint (re-reading
 * the checkpoint day itself, because Google's click data for a day can still arrive after it
 * ends) up to today, within the 90-day horizon. Each page becomes, for the gclids the hub
 * already knows (HubSpot's hs_google_click_id, a Shopify landing URL, ...), identity
 * observations and AD_CLICKED events; clicks of people the hub does not know stay anonymous.
 * The checkpoint moves after each complete day (today is never complete), so a crash re-reads
 * at most one day, and event ids make the re-read change nothing.
 * @see https://developers.google.com/google-ads/api/fields/v26/click_view
 */
import type { VendorSync, SyncProgress, SyncRunOptions } from '../unified/contracts.js';
import type { Identity } from '../unified/identity.js';
import { addDays, daysOf } from './dates.js';
import { toClickEvent, toClickObservation } from './mappers/to-click.js';
import { CLICK_LOOKBACK_DAYS, type GoogleAdsReads } from './reads.js';
import { GOOGLE_ADS } from './transport.js';

/** Finds hub customers by identifier: the profile's identity store answers it. */
export interface IdentityDirectory {
  findCustomerIds(identities: readonly Identity[]): Promise<(string | undefined)[]>;
}

export interface ClickSyncOptions {
  reads: Pick<GoogleAdsReads, 'clicksOnDay'>;
  customerId: string;
  identities: IdentityDirectory;
  today: () => string;
  now: () => number;
}

export const CLICK_STREAM = 'clicks';

export function createGoogleAdsClickSync(options: ClickSyncOptions): VendorSync {
  const checkpointKey = `${GOOGLE_ADS}:${options.customerId}:${CLICK_STREAM}`;

  return {
    vendor: GOOGLE_ADS,
    streams: [CLICK_STREAM],
    async run(run: SyncRunOptions): Promise<SyncProgress[]> {
      const progress: SyncProgress = { vendor: GOOGLE_ADS, stream: CLICK_STREAM, records: 0 };
      const today = options.today();
      // One day inside Google's 90-day horizon, so a request near midnight is never refused.
      const horizon = addDays(today, -(CLICK_LOOKBACK_DAYS - 1));
      const saved = run.full ? undefined : await run.checkpoints.get(checkpointKey);
      const completeThrough = saved ? (JSON.parse(saved) as { completeThrough: string }).completeThrough : undefined;
      const since = completeThrough && completeThrough >= horizon ? completeThrough : horizon;

      for (const day of daysOf({ since, until: today })) {
        if (run.signal?.aborted) return [progress];
        for await (const rows of options.reads.clicksOnDay(day)) {
          const owners = await options.identities.findCustomerIds(rows.map((r) => ({ kind: 'GCLID' as const, value: r.clickView.gclid })));
          const known = rows.filter((_, i) => owners[i] !== undefined);
          const observedAt = new Date(options.now()).toISOString();
          await run.sink({
            observations: known.map((r) => toClickObservation(r, observedAt)),
            events: known.map(toClickEvent),
            consents: [],
            changed: known.map((r) => ({ vendor: GOOGLE_ADS, entity: 'click', id: r.clickView.gclid })),
          });
          progress.records += rows.length;
          run.onProgress?.({ ...progress });
          // Stop between pages, before asking Google for the next one.
          if (run.signal?.aborted) return [progress];
        }
        if (day < today) await run.checkpoints.set(checkpointKey, JSON.stringify({ completeThrough: day }));
      }
      return [progress];
    },
  };
}
