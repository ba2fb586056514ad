/**
 * Builders for Klaviyo's `filter` parameter, so no call site concatenates user values by hand.
 * Strings are double-quoted with `\` and `"` escaped; datetimes go unquoted, as the docs show.
 * @see https://developers.klaviyo.com/en/docs/filtering_
 */
export const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export const equals = (field: string, value: string) => `equals(${field},${quote(value)})`;

/** `any(field,[...])`, or `equals` for a single value. */
export const anyOf = (field: string, values: readonly string[]) =>
  values.length === 1 ? equals(field, values[0]!) : `any(${field},[${values.map(quote).join(',')}])`;

export const compare = (op: 'greater-than' | 'greater-or-equal' | 'less-than' | 'less-or-equal', field: string, isoTime: string) =>
  `${op}(${field},${new Date(isoTime).toISOString().replace('.000Z', 'Z')})`;

/** Joins conditions with `and(...)`; one condition stays as is. */
export const and = (...conditions: (string | undefined)[]) => {
  const present = conditions.filter((c): c is string => c !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : `and(${present.join(',')})`;
};

export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
