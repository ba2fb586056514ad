/**
 * The hub's record of the click conversions it uploaded. Google never lists uploaded conversions
 * back per click, so, like audience membership, this record is the only answer to "which
 * conversions did we send for this person". The memory adapter serves embedded mode without
 * Redis; with Redis the hub uses RedisUploadedConversionLog (redis-conversion-log.ts), shared by
 * every process. Both pass conversion-log.contract.ts.
 */
import type { UploadedConversion } from './mappers/to-conversion-event.js';

export interface UploadedConversionLog {
  record(conversions: readonly UploadedConversion[]): Promise<void>;
  /** Every conversion uploaded for these gclids, oldest first. */
  ofGclids(gclids: readonly string[]): Promise<UploadedConversion[]>;
}

export class MemoryUploadedConversionLog implements UploadedConversionLog {
  private readonly byGclid = new Map<string, UploadedConversion[]>();

  async record(conversions: readonly UploadedConversion[]): Promise<void> {
    for (const c of conversions) {
      const list = this.byGclid.get(c.gclid) ?? [];
      // The same conversion (gclid, action, time) is recorded once.
      if (!list.some((x) => x.conversionAction === c.conversionAction && x.occurredAt === c.occurredAt)) list.push({ ...c });
      this.byGclid.set(c.gclid, list);
    }
  }

  async ofGclids(gclids: readonly string[]): Promise<UploadedConversion[]> {
    return [...new Set(gclids)].flatMap((g) => this.byGclid.get(g) ?? []).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }
}
