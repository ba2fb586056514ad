/**
 * Shopify's search syntax for `query:` arguments, the subset the hub uses: `field:value` terms
 * joined by spaces (AND) or `OR`, bare words searched across a collection's default fields,
 * `-` or `NOT` to negate, values optionally quoted, and the comparators `>`, `>=`, `<`, `<=`.
 * Parsed into OR-of-AND groups; parentheses are not supported.
 * @see https://shopify.dev/docs/api/usage/search-syntax
 */
export interface SearchTerm {
  /** The filter name, lower-cased; `default` for a bare word. */
  field: string;
  comparator: '=' | '>' | '>=' | '<' | '<=';
  value: string;
  negated: boolean;
}

/** Alternatives (OR), each a list of terms that must all hold (AND). Empty means "everything". */
export type SearchQuery = SearchTerm[][];

export function parseSearchQuery(query: string | undefined | null): SearchQuery {
  if (!query?.trim()) return [];
  const groups: SearchTerm[][] = [[]];
  let negateNext = false;
  for (const token of tokenize(query)) {
    if (token === 'OR') {
      groups.push([]);
      continue;
    }
    if (token === 'AND') continue;
    if (token === 'NOT') {
      negateNext = true;
      continue;
    }
    const negated = negateNext || token.startsWith('-');
    negateNext = false;
    const body = token.startsWith('-') ? token.slice(1) : token;
    const match = /^(\w+):(>=|<=|>|<)?(.*)$/s.exec(body);
    const term: SearchTerm = match
      ? { field: match[1]!.toLowerCase(), comparator: (match[2] as SearchTerm['comparator']) ?? '=', value: unquote(match[3]!), negated }
      : { field: 'default', comparator: '=', value: unquote(body), negated };
    groups[groups.length - 1]!.push(term);
  }
  return groups.filter((g) => g.length > 0);
}

/** Splits on whitespace, keeping quoted values (`email:"a b"`, `"bob@example.com"`) whole. */
function tokenize(query: string): string[] {
  return query.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/s, '$2');

/**
 * Whether a record matches: `check` answers one term (undefined for a filter the collection does
 * not know, which Shopify ignores rather than failing).
 */
export function matchesQuery<T>(record: T, query: SearchQuery, check: (record: T, term: SearchTerm) => boolean | undefined): boolean {
  if (query.length === 0) return true;
  return query.some((group) =>
    group.every((term) => {
      const result = check(record, term);
      if (result === undefined) return true;
      return term.negated ? !result : result;
    }),
  );
}

/** Compares per Shopify: numbers numerically, dates chronologically, text case-insensitively (`*` suffix = prefix). */
export function matchesTerm(actual: string | null | undefined, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  if (term.comparator === '=') {
    const expected = term.value.toLowerCase();
    const value = actual.toLowerCase();
    return expected.endsWith('*') ? value.startsWith(expected.slice(0, -1)) : value === expected;
  }
  const numeric = /^\d+$/.test(actual) && /^\d+$/.test(term.value);
  const a = numeric ? Number(actual) : Date.parse(actual);
  const b = numeric ? Number(term.value) : Date.parse(term.value);
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

/** A bare word matches when any of the record's default fields contains it, case-insensitively. */
export function matchesDefault(fields: readonly (string | null | undefined)[], term: SearchTerm): boolean {
  const needle = term.value.toLowerCase();
  return fields.some((f) => f?.toLowerCase().includes(needle));
}
