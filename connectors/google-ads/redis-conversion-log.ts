/**
 * The uploaded-conversion log in Redis, so every hub process (ingest uploads, the google-ads
 * subgraph reads) sees the same record and it outlives a restart.
 *
 * Redis layout (under the configured prefix):
 *   gads:conversions:{gclid}   hash   "{conversionAction}\n{occurredAt}" → conversion JSON
 * HSETNX keeps the first record of a conversion (gclid, action, time), as the memory log does, so
 * a re-upload or a replay is recorded once without a read-then-write race.
 */
import type { Redis } from 'ioredis';
import type { UploadedConversionLog } from './conversion-log.js';
import type { UploadedConversion } from './mappers/to-conversion-event.js';

export class RedisUploadedConversionLog implements UploadedConversionLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async record(conversions: readonly UploadedConversion[]): Promise<void> {
    if (conversions.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const c of conversions) pipeline.hsetnx(this.key(c.gclid), `${c.conversionAction}\n${c.occurredAt}`, JSON.stringify(c));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async ofGclids(gclids: readonly string[]): Promise<UploadedConversion[]> {
    const unique = [...new Set(gclids)];
    if (unique.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const gclid of unique) pipeline.hvals(this.key(gclid));
    const results = (await pipeline.exec()) ?? [];
    const conversions: UploadedConversion[] = [];
    for (const [error, values] of results) {
      if (error) throw error;
      for (const json of values as string[]) conversions.push(JSON.parse(json) as UploadedConversion);
    }
    return conversions.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }

  private key(gclid: string): string {
    return `${this.prefix}gads:conversions:${gclid}`;
  }
}
