/**
 * CRM search semantics: filter groups are ORed, the filters inside a group ANDed; one sort;
 * datetime properties compare as instants whether given as epoch ms or ISO; string equality
 * ignores case. Limits as HubSpot documents them (Aug 2024): 5 groups, 10 filters per group,
 * 25 filters in all, 200 results per page.
 * @see https://developers.hubspot.com/docs/guides/api/crm/search
 * @see https://developers.hubspot.com/changelog/breaking-change-expanded-filtering-capabilities-and-error-messaging-in-hubspots-search-api
 */
import { z } from 'zod';
import { INDEXED_PROPERTIES, type CrmObjectStore, type CrmRecord } from './object-store.js';
import { DATETIME_PROPERTIES } from './object-types.js';

export const OPERATORS = [
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const FilterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: Scalar.optional(),
  highValue: Scalar.optional(),
  values: z.array(Scalar).optional(),
});
export type SearchFilter = z.infer<typeof FilterSchema>;

const SortSchema = z.union([
  z.string().min(1).transform((s) => (s.startsWith('-') ? { propertyName: s.slice(1), direction: 'DESCENDING' as const } : { propertyName: s, direction: 'ASCENDING' as const })),
  z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

export const SEARCH_PAGE_MAX = 200;

export const SearchRequestSchema = z
  .object({
    filterGroups: z.array(z.object({ filters: z.array(FilterSchema).max(10, 'A filter group can contain at most 10 filters') })).max(5, 'At most 5 filter groups are allowed').default([]),
    sorts: z.array(SortSchema).max(1, 'Only one sort is supported').default([]),
    query: z.string().optional(),
    properties: z.array(z.string()).optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX, `limit must be at most ${SEARCH_PAGE_MAX}`).default(10),
    after: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, 'after must be a non-negative integer offset')).optional(),
  })
  .refine((r) => r.filterGroups.reduce((n, g) => n + g.filters.length, 0) <= 25, 'At most 25 filters are allowed across all filter groups')
  .superRefine((r, ctx) => {
    for (const filter of r.filterGroups.flatMap((g) => g.filters)) {
      const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(filter.operator);
      if (needsValue && filter.value === undefined) ctx.addIssue({ code: 'custom', message: `operator ${filter.operator} on ${filter.propertyName} needs a value` });
      if ((filter.operator === 'IN' || filter.operator === 'NOT_IN') && !filter.values?.length) ctx.addIssue({ code: 'custom', message: `operator ${filter.operator} needs values` });
      if (filter.operator === 'BETWEEN' && filter.highValue === undefined) ctx.addIssue({ code: 'custom', message: 'operator BETWEEN needs a highValue' });
    }
  });
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

/**
 * The records a search can match: when every filter group holds an `EQ` / `IN` filter on an
 * indexed property, the union of the index hits; else every live record. Only non-numeric values
 * qualify (`compare` compares two numbers as numbers, "015" = "15"); text equality ignoring case is
 * what the index keys on. The filters still run on each candidate and the sort is total (ties by
 * id), so the answer is the one a scan gives.
 */
export function searchCandidates(store: CrmObjectStore, request: SearchRequest): Iterable<CrmRecord> {
  if (request.filterGroups.length === 0) return store.all();
  const hits = new Map<string, CrmRecord>();
  for (const group of request.filterGroups) {
    const filter = group.filters.find(
      (f) => INDEXED_PROPERTIES.has(f.propertyName) && (f.operator === 'EQ' || f.operator === 'IN') && lookupValues(f).every(isText),
    );
    if (!filter) return store.all();
    for (const record of store.withValue(filter.propertyName, lookupValues(filter))) hits.set(record.id, record);
  }
  return hits.values();
}

const lookupValues = (filter: SearchFilter): string[] => (filter.operator === 'IN' ? (filter.values ?? []) : filter.value === undefined ? [] : [filter.value]);
const isText = (value: string) => value.trim() === '' || !Number.isFinite(Number(value));

/** Every matching record, in the requested order (ties and the default order by id). */
export function searchRecords(records: Iterable<CrmRecord>, request: SearchRequest, searchable: readonly string[]): CrmRecord[] {
  const query = request.query?.trim().toLowerCase();
  const matches: CrmRecord[] = [];
  for (const record of records) {
    if (request.filterGroups.length > 0 && !request.filterGroups.some((g) => g.filters.every((f) => matchesFilter(record, f)))) continue;
    if (query && !searchable.some((p) => record.properties[p]?.toLowerCase().includes(query))) continue;
    matches.push(record);
  }
  const sort = request.sorts[0];
  const byId = (a: CrmRecord, b: CrmRecord) => Number(a.id) - Number(b.id);
  if (!sort) return matches.sort(byId);
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  return matches.sort((a, b) => {
    const x = a.properties[sort.propertyName] ?? null;
    const y = b.properties[sort.propertyName] ?? null;
    if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
    return sign * compare(sort.propertyName, x, y) || byId(a, b);
  });
}

export function matchesFilter(record: CrmRecord, filter: SearchFilter): boolean {
  const actual = record.properties[filter.propertyName] ?? null;
  const has = actual !== null && actual !== '';
  const name = filter.propertyName;
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'IN':
      return has && filter.values!.some((v) => compare(name, actual, v) === 0);
    case 'NOT_IN':
      return !has || filter.values!.every((v) => compare(name, actual, v) !== 0);
    case 'NEQ':
      return !has || compare(name, actual, filter.value!) !== 0;
    case 'CONTAINS_TOKEN':
      return has && containsToken(actual, filter.value!);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(actual, filter.value!);
    default:
      break;
  }
  if (!has) return false;
  const c = compare(name, actual, filter.value!);
  switch (filter.operator) {
    case 'EQ':
      return c === 0;
    case 'LT':
      return c < 0;
    case 'LTE':
      return c <= 0;
    case 'GT':
      return c > 0;
    case 'GTE':
      return c >= 0;
    case 'BETWEEN':
      return c >= 0 && compare(name, actual, filter.highValue!) <= 0;
  }
}

/** Datetimes as instants, numbers as numbers, everything else as case-insensitive text. */
function compare(property: string, a: string, b: string): number {
  if (DATETIME_PROPERTIES.has(property)) return instant(a) - instant(b);
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const p = a.toLowerCase();
  const q = b.toLowerCase();
  return p < q ? -1 : p > q ? 1 : 0;
}

function instant(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** HubSpot tokenizes text on non-word characters; `*` is a wildcard inside a token. */
function containsToken(value: string, token: string): boolean {
  const pattern = new RegExp(`^${token.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
  const whole = value.toLowerCase();
  return pattern.test(whole) || whole.split(/[^\p{L}\p{N}]+/u).some((t) => pattern.test(t));
}
