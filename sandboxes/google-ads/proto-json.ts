/**
 * GoogleAdsRow in proto3 JSON, as REST returns it: lowerCamelCase names nested by message,
 * int64 as strings, double and int32 as numbers, enums by name, absent fields left out.
 * @see https://protobuf.dev/programming-guides/json/
 */
import { FIELD_TYPES, resourceOf } from './fields.js';
import type { GaqlRow, RowValue } from './rows.js';

const toCamel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const toCamelPath = (path: string) => path.split('.').map(toCamel).join('.');

function jsonValue(field: string, value: RowValue): RowValue {
  switch (FIELD_TYPES[field]) {
    case 'int64':
      return String(value);
    case 'int32':
    case 'double':
      return Number(value);
    default:
      return value;
  }
}

export function toProtoJson(row: GaqlRow, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (field: string) => {
    const value = row[field];
    if (value === undefined) return;
    const path = field.split('.').map(toCamel);
    let node = out;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = jsonValue(field, value);
  };
  for (const field of fields) {
    const resource = resourceOf(field);
    // The resource name of every selected resource comes along, as Google returns it.
    if (resource !== 'metrics' && resource !== 'segments') set(`${resource}.resource_name`);
    set(field);
  }
  return out;
}
