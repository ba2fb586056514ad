/**
 * Every record of a type modified in [from, to], oldest first, through CRM search, without ever
 * paging by offset. HubSpot's search pages by offset and refuses to go past 10,000 results, and an
 * offset also shifts when a record leaves the window mid-read (it was modified again), silently
 * skipping its neighbour. So the window's lower bound moves up to the last modification time
 * read after every page (the query always starts at offset 0); records of the boundary instant
 * already read are dropped, and an instant holding a full page or more is split off and read in
 * order of object id. No offset ever nears the cap, however many records changed.
 * @see https://developers.hubspot.com/docs/guides/api/crm/search#limitations
 */
import type { CallOptions, HubSpotClient, SearchFilter } from '../client.js';
import { LAST_MODIFIED_PROPERTY, type HubSpotObject, type HubSpotObjectType } from '../schemas.js';

export interface ModifiedPage {
  records: HubSpotObject[];
  /** The modification time (epoch ms) reading can resume from: every record before it was yielded. */
  resumeFrom: number;
}

export interface ModifiedSinceOptions {
  type: HubSpotObjectType;
  from: number;
  to: number;
  pageSize: number;
  properties: readonly string[];
  call?: CallOptions;
}

export async function* modifiedSince(client: HubSpotClient, options: ModifiedSinceOptions): AsyncGenerator<ModifiedPage> {
  const property = LAST_MODIFIED_PROPERTY[options.type];
  const properties = [...new Set([...options.properties, property, 'hs_object_id'])];
  const modifiedAt = (r: HubSpotObject) => instant(r.properties[property] ?? r.updatedAt);
  let cursor = options.from;
  /** Ids already yielded whose modification time is exactly `cursor`. */
  let seenAtCursor = new Set<string>();

  for (;;) {
    const { results } = await client.search(
      options.type,
      {
        filterGroups: [{ filters: [filter(property, 'GTE', cursor), filter(property, 'LTE', options.to)] }],
        sorts: [{ propertyName: property, direction: 'ASCENDING' }],
        properties,
        limit: options.pageSize,
      },
      options.call,
    );
    const full = results.length === options.pageSize;
    if (full && results.every((r) => modifiedAt(r) === cursor)) {
      // One instant fills a page: read that instant alone, in id order, then move past it.
      yield* oneInstant(client, options, property, properties, cursor, seenAtCursor);
      cursor += 1;
      seenAtCursor = new Set();
      continue;
    }
    const fresh = results.filter((r) => !(modifiedAt(r) === cursor && seenAtCursor.has(r.id)));
    const last = results[results.length - 1];
    if (last) {
      const lastAt = modifiedAt(last);
      if (lastAt !== cursor) seenAtCursor = new Set();
      for (const r of results) if (modifiedAt(r) === lastAt) seenAtCursor.add(r.id);
      cursor = lastAt;
    }
    if (fresh.length > 0) yield { records: fresh, resumeFrom: cursor };
    if (!full) return;
  }
}

/** Records modified exactly at `at`, by ascending object id, skipping those already yielded. */
async function* oneInstant(
  client: HubSpotClient,
  options: ModifiedSinceOptions,
  property: string,
  properties: string[],
  at: number,
  seen: ReadonlySet<string>,
): AsyncGenerator<ModifiedPage> {
  let afterId = 0;
  for (;;) {
    const { results } = await client.search(
      options.type,
      {
        filterGroups: [{ filters: [filter(property, 'EQ', at), filter('hs_object_id', 'GT', afterId)] }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties,
        limit: options.pageSize,
      },
      options.call,
    );
    const fresh = results.filter((r) => !seen.has(r.id));
    if (fresh.length > 0) yield { records: fresh, resumeFrom: at };
    if (results.length < options.pageSize) return;
    afterId = Number(results[results.length - 1]!.id);
  }
}

const filter = (propertyName: string, operator: SearchFilter['operator'], value: number): SearchFilter => ({ propertyName, operator, value: String(value) });

function instant(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}
