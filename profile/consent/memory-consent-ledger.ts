/** The embedded-mode consent ledger. Single-threaded JS makes each method atomic. */
import type { ConsentRecord, ConsentTopic } from '../../connectors/unified/consent.js';
import { byOccurredAt, type ConsentLedger } from './consent-ledger.js';

export class MemoryConsentLedger implements ConsentLedger {
  /** customer id → record id → the record as JSON (what a reader gets is a copy, as from Redis). */
  private readonly records = new Map<string, Map<string, string>>();

  async appendConsents(customerId: string, records: readonly ConsentRecord[]): Promise<number> {
    let held = this.records.get(customerId);
    let added = 0;
    for (const record of records) {
      held ??= new Map();
      if (held.has(record.id)) continue;
      held.set(record.id, JSON.stringify(record));
      added++;
    }
    if (held && held.size > 0) this.records.set(customerId, held);
    return added;
  }

  async history(customerId: string, topic?: ConsentTopic): Promise<ConsentRecord[]> {
    const held = [...(this.records.get(customerId)?.values() ?? [])].map((json) => JSON.parse(json) as ConsentRecord);
    return held.filter((r) => topic === undefined || r.topic === topic).sort(byOccurredAt);
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const absorbed = this.records.get(absorbedId);
    if (!absorbed) return;
    const survivor = this.records.get(survivorId) ?? new Map<string, string>();
    for (const [id, json] of absorbed) if (!survivor.has(id)) survivor.set(id, json);
    this.records.set(survivorId, survivor);
    this.records.delete(absorbedId);
  }

  async erase(customerId: string): Promise<void> {
    this.records.delete(customerId);
  }
}
