/**
 * Klaviyo's JSON:API filter grammar, the subset the hub uses:
 * `equals(f,v)`, `any(f,[v,...])`, `greater-than|greater-or-equal|less-than|less-or-equal(f,v)`,
 * `has(f)`, `and(...)` (also expressed as comma-separated top-level conditions).
 * Values are quoted strings, ISO datetimes, numbers, booleans or null.
 * @see https://developers.klaviyo.com/en/docs/filtering_
 */
export type FilterValue = string | number | boolean | null | FilterValue[];

export type FilterCondition =
  | { op: 'and'; conditions: FilterCondition[] }
  | { op: FilterOperator; field: string; value: FilterValue };

export type FilterOperator = 'equals' | 'any' | 'has' | 'greater-than' | 'greater-or-equal' | 'less-than' | 'less-or-equal';
const OPERATORS: readonly string[] = ['equals', 'any', 'has', 'greater-than', 'greater-or-equal', 'less-than', 'less-or-equal'];

export class FilterSyntaxError extends Error {}

export function parseFilter(input: string): FilterCondition {
  let pos = 0;
  const peek = () => input[pos];
  const skipSpace = () => {
    while (input[pos] === ' ') pos++;
  };
  const expect = (ch: string) => {
    skipSpace();
    if (input[pos] !== ch) throw new FilterSyntaxError(`Expected '${ch}' at position ${pos} of filter`);
    pos++;
  };
  const identifier = () => {
    skipSpace();
    const match = /^[A-Za-z_][\w.-]*/.exec(input.slice(pos));
    if (!match) throw new FilterSyntaxError(`Expected a name at position ${pos} of filter`);
    pos += match[0].length;
    return match[0];
  };
  const value = (): FilterValue => {
    skipSpace();
    const ch = peek();
    if (ch === '"' || ch === "'") {
      let text = '';
      for (pos++; pos < input.length && input[pos] !== ch; pos++) {
        if (input[pos] === '\\') pos++;
        text += input[pos] ?? '';
      }
      if (pos >= input.length) throw new FilterSyntaxError('Unterminated string in filter');
      pos++;
      return text;
    }
    if (ch === '[') {
      pos++;
      const items: FilterValue[] = [];
      skipSpace();
      if (peek() === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value());
        skipSpace();
        if (peek() === ',') pos++;
        else break;
      }
      expect(']');
      return items;
    }
    const match = /^[^,)\]\s]+/.exec(input.slice(pos));
    if (!match) throw new FilterSyntaxError(`Expected a value at position ${pos} of filter`);
    pos += match[0].length;
    const raw = match[0];
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (raw === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    return raw; // unquoted datetimes
  };
  const condition = (): FilterCondition => {
    const op = identifier();
    expect('(');
    if (op === 'and') {
      const conditions = [condition()];
      skipSpace();
      while (peek() === ',') {
        pos++;
        conditions.push(condition());
        skipSpace();
      }
      expect(')');
      return { op: 'and', conditions };
    }
    if (!OPERATORS.includes(op)) throw new FilterSyntaxError(`Unsupported filter operation '${op}'`);
    const field = identifier();
    if (op === 'has') {
      expect(')');
      return { op: 'has', field, value: null };
    }
    expect(',');
    const v = value();
    expect(')');
    return { op: op as FilterOperator, field, value: v };
  };

  const conditions = [condition()];
  skipSpace();
  while (peek() === ',') {
    pos++;
    conditions.push(condition());
    skipSpace();
  }
  if (pos !== input.length) throw new FilterSyntaxError(`Unexpected '${input.slice(pos)}' in filter`);
  return conditions.length === 1 ? conditions[0]! : { op: 'and', conditions };
}

/** Evaluates a condition against a record's field accessor. Text compares case-insensitively for emails. */
export function matchesFilter(condition: FilterCondition, get: (field: string) => unknown): boolean {
  if (condition.op === 'and') return condition.conditions.every((c) => matchesFilter(c, get));
  const actual = get(condition.field);
  const same = (expected: FilterValue) =>
    typeof actual === 'string' && typeof expected === 'string'
      ? actual.toLowerCase() === expected.toLowerCase()
      : actual === expected;
  switch (condition.op) {
    case 'has':
      return actual !== undefined && actual !== null;
    case 'equals':
      return same(condition.value);
    case 'any':
      return Array.isArray(condition.value) && condition.value.some(same);
    default: {
      const a = toComparable(actual);
      const b = toComparable(condition.value);
      if (a === undefined || b === undefined) return false;
      if (condition.op === 'greater-than') return a > b;
      if (condition.op === 'greater-or-equal') return a >= b;
      if (condition.op === 'less-than') return a < b;
      return a <= b;
    }
  }
}

function toComparable(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The operators each filterable field of an endpoint allows (its `x-klaviyo-filters`). */
export type FilterRules = Readonly<Record<string, readonly FilterOperator[]>>;

/** Why Klaviyo would refuse this filter on an endpoint with these rules, or undefined when it is allowed. */
export function filterProblem(condition: FilterCondition, rules: FilterRules): string | undefined {
  if (condition.op === 'and') {
    for (const c of condition.conditions) {
      const problem = filterProblem(c, rules);
      if (problem) return problem;
    }
    return undefined;
  }
  const allowed = rules[condition.field];
  if (!allowed) return `'${condition.field}' is not a valid field for the resource.`;
  if (!allowed.includes(condition.op)) return `'${condition.op}' is not a valid operator for '${condition.field}'.`;
  if (condition.op === 'any' && !Array.isArray(condition.value)) return `'any' requires a list of values for '${condition.field}'.`;
  if (condition.op !== 'any' && Array.isArray(condition.value)) return `'${condition.op}' takes a single value for '${condition.field}'.`;
  return undefined;
}
