/**
 * One CRM object type's records, kept in id order so list paging (`after`) is a binary search,
 * whatever the portal's size. HubSpot stores every property value as a string.
 */
export interface ValueWithTimestamp {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
}

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  /** Past values of the properties HubSpot keeps history for, newest first (as `propertiesWithHistory` answers). */
  history: Record<string, ValueWithTimestamp[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/**
 * Identifier properties a search filter (`EQ` / `IN`) finds through an index rather than a scan
 * of every record: text values, compared case-insensitively as search.ts compares text.
 */
export const INDEXED_PROPERTIES: ReadonlySet<string> = new Set(['email', 'hs_google_click_id']);

export class CrmObjectStore {
  private readonly records = new Map<string, CrmRecord>();
  private readonly order: number[] = [];
  private sorted = true;
  /** Indexed property → lowercased value → ids of the records holding it. */
  private readonly byValue = new Map<string, Map<string, Set<string>>>([...INDEXED_PROPERTIES].map((p) => [p, new Map()]));
  /** What each record is indexed under now, so a change can be unindexed whatever mutated the record. */
  private readonly indexedAs = new Map<string, Map<string, string>>();

  get size(): number {
    return this.records.size;
  }

  get(id: string): CrmRecord | undefined {
    return this.records.get(id);
  }

  /** Adds or replaces a record. Ids are numeric strings, as HubSpot's are. */
  put(record: CrmRecord): void {
    if (!this.records.has(record.id)) {
      const n = Number(record.id);
      if (this.order.length > 0 && n < this.order[this.order.length - 1]!) this.sorted = false;
      this.order.push(n);
    }
    this.records.set(record.id, record);
    this.reindex(record);
  }

  /** Brings the property indexes up to date with the record's values (mutations.ts calls it after a change). */
  reindex(record: CrmRecord): void {
    if (this.indexedAs.has(record.id)) this.unindex(record.id);
    let entries: Map<string, string> | undefined;
    for (const property of INDEXED_PROPERTIES) {
      const value = record.properties[property];
      if (value === null || value === undefined || value === '') continue;
      const key = value.toLowerCase();
      (entries ??= new Map()).set(property, key);
      const index = this.byValue.get(property)!;
      const ids = index.get(key);
      if (ids) ids.add(record.id);
      else index.set(key, new Set([record.id]));
    }
    // Records without an indexed value (deals, engagements) cost nothing.
    if (entries) this.indexedAs.set(record.id, entries);
  }

  private unindex(id: string): void {
    for (const [property, key] of this.indexedAs.get(id) ?? []) {
      const index = this.byValue.get(property)!;
      const ids = index.get(key);
      ids?.delete(id);
      if (ids?.size === 0) index.delete(key);
    }
    this.indexedAs.delete(id);
  }

  /** Live records whose indexed `property` equals one of `values`, ignoring case; O(values), in no particular order. */
  withValue(property: string, values: readonly string[]): CrmRecord[] {
    const index = this.byValue.get(property);
    if (!index) throw new Error(`${property} is not indexed`);
    const ids = new Set<string>();
    for (const value of values) for (const id of index.get(value.toLowerCase()) ?? []) ids.add(id);
    return [...ids].map((id) => this.records.get(id)!).filter((r) => !r.archived);
  }

  /** Removes a record for good (GDPR delete), not an archive. */
  delete(id: string): boolean {
    if (!this.records.delete(id)) return false;
    this.unindex(id);
    const index = this.ids().indexOf(Number(id));
    if (index >= 0) this.order.splice(index, 1);
    return true;
  }

  /** The next `limit` live records with an id above `after` (exclusive), and whether more follow. */
  page(after: string | undefined, limit: number): { records: CrmRecord[]; more: boolean } {
    const ids = this.ids();
    let index = after === undefined ? 0 : upperBound(ids, Number(after));
    const records: CrmRecord[] = [];
    while (index < ids.length && records.length < limit) {
      const record = this.records.get(String(ids[index++]))!;
      if (!record.archived) records.push(record);
    }
    while (index < ids.length && this.records.get(String(ids[index]))!.archived) index++;
    return { records, more: index < ids.length };
  }

  /** Every live record, in id order. */
  *all(): IterableIterator<CrmRecord> {
    for (const id of this.ids()) {
      const record = this.records.get(String(id))!;
      if (!record.archived) yield record;
    }
  }

  nextId(): string {
    const ids = this.ids();
    return String((ids[ids.length - 1] ?? 0) + 1);
  }

  private ids(): number[] {
    if (!this.sorted) {
      this.order.sort((a, b) => a - b);
      this.sorted = true;
    }
    return this.order;
  }
}

/** Index of the first element greater than `value` in an ascending array. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
