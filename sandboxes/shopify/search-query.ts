/**
 * Shopify's search syntax for `query:` arguments, the subset the hub uses: space-separated
 * `field:value` terms (AND), values optionally quoted, comparators `>`, `>=`, `<`, `<=` for dates.
 * @see https://shopify.dev/docs/api/usage/search-syntax
 */
export interface SearchTerm {
  field: string;
  comparator: '=' | '>' | '>=' | '<' | '<=';
  value: string;
}

export function parseSearchQuery(query: string | undefined | null): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const pattern = /(\w+):(>=|<=|>|<)?("([^"]*)"|'([^']*)'|\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const value = match[4] ?? match[5] ?? match[3]!;
    terms.push({ field: match[1]!.toLowerCase(), comparator: (match[2] as SearchTerm['comparator']) ?? '=', value });
  }
  return terms;
}

/** Compares per Shopify: text fields case-insensitively, dates chronologically. */
export function matchesTerm(actual: string | null | undefined, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  if (term.comparator === '=') return actual.toLowerCase() === term.value.toLowerCase();
  const a = Date.parse(actual);
  const b = Date.parse(term.value);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (term.comparator) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}
