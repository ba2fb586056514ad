/**
 * The estimated ad-exposure feed (issue 7: every outbound touch counts, estimated ad exposure
 * included). For every customer the hub placed in a Meta or Google Ads audience (the audience
 * ledger is the only record of that), it estimates each day with the platform's source and
 * records it with `TouchLog.recordExposure` as PAID_SOCIAL / PAID_SEARCH touches.
 *
 * Idempotent: an estimate's source id names the platform and the day, so feeding a day again
 * replaces that day's touches (late delivery metrics correct the count instead of adding to it).
 * A platform that fails (down, refusing the token) is reported and skipped; the others still run.
 * Runs on ingest's interval (INGEST_EXPOSURE_INTERVAL_MS; 0 = off): the first run after a start
 * feeds INGEST_EXPOSURE_FIRST_RUN_DAYS days, later runs yesterday. At most one run at a time.
 */
import type { AudienceMembershipLedger, AdPlatform } from '../../connectors/unified/contracts.js';
import type { Logger } from '../../platform/logger.js';
import type { TouchLog } from '../../profile/frequency/touch-log.js';
import { daysBefore, type ExposureSource } from './exposure-sources.js';

export interface ExposureFeedOptions {
  sources: readonly ExposureSource[];
  ledger: Pick<AudienceMembershipLedger, 'audiences' | 'membersOf' | 'audiencesOf'>;
  touches: Pick<TouchLog, 'recordExposure'>;
  /** Between the end of one run and the start of the next; 0 never runs on its own. */
  intervalMs: number;
  /** Days (ending yesterday) the first scheduled run feeds. */
  firstRunDays: number;
  logger: Logger;
}

export interface ExposureRunReport {
  platform: AdPlatform;
  /** The days estimated, newest first. */
  days: string[];
  /** People in at least one of the platform's audiences. */
  customers: number;
  /** Estimates recorded (customers × days), zero-impression ones included (they clear a day). */
  recorded: number;
  error?: string;
}

export class ExposureFeed {
  private running: Promise<ExposureRunReport[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ExposureFeedOptions) {}

  /** Starts the schedule: a first run (of firstRunDays) at once in the background, then one per interval. */
  start(): void {
    if (this.options.intervalMs > 0 && !this.closed) this.schedule(0, this.options.firstRunDays);
  }

  /** Feeds the `days` days ending yesterday (default 1: yesterday), or joins the run going. */
  run(request: { days?: number } = {}): Promise<ExposureRunReport[]> {
    if (this.running) return this.running;
    if (this.closed) return Promise.resolve([]);
    const days = Math.max(1, Math.floor(request.days ?? 1));
    this.running = this.execute(days).finally(() => (this.running = undefined));
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number, days: number): void {
    this.timer = setTimeout(() => {
      void this.run({ days })
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'exposure feed run failed'))
        .finally(() => {
          if (!this.closed) this.schedule(this.options.intervalMs, 1);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async execute(days: number): Promise<ExposureRunReport[]> {
    const reports: ExposureRunReport[] = [];
    // Platforms one after the other: each is a handful of vendor calls, and one's failure is its own.
    for (const source of this.options.sources) {
      if (this.closed) break;
      reports.push(await this.feed(source, days));
    }
    return reports;
  }

  private async feed(source: ExposureSource, count: number): Promise<ExposureRunReport> {
    const { ledger, touches, logger } = this.options;
    const days = daysBefore(source.today(), count);
    const report: ExposureRunReport = { platform: source.platform, days, customers: 0, recorded: 0 };
    try {
      const customers = new Set<string>();
      for (const audienceId of await ledger.audiences(source.platform)) {
        for (const customerId of await ledger.membersOf(source.platform, audienceId)) customers.add(customerId);
      }
      report.customers = customers.size;
      // Nobody in an audience: nothing to estimate, nothing to ask the platform.
      if (customers.size === 0) return report;
      const estimators = await source.prepare(days);
      for (const customerId of [...customers].sort()) {
        if (this.closed) break;
        const memberships = await ledger.audiencesOf(source.platform, customerId);
        for (const day of days) {
          await touches.recordExposure(customerId, estimators.get(day)!(customerId, memberships));
          report.recorded++;
        }
      }
      logger.info(report, 'exposure feed: estimates recorded');
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      logger.warn({ platform: source.platform, days, err: report.error }, 'exposure feed: platform skipped; its next run estimates again');
    }
    return report;
  }
}
