/**
 * CRM records as the API answers with them (`SimplePublicObject` and its variants): only the
 * requested properties (unknown names are omitted, unset ones are null), property history on
 * request, and associations as `CollectionResponseAssociatedId`.
 */
import type { CrmRecord } from './object-store.js';
import { DEFAULT_PROPERTIES, singularOf, type ObjectType } from './object-types.js';
import type { HubSpotState } from './state.js';

export interface PresentOptions {
  properties?: readonly string[] | undefined;
  propertiesWithHistory?: readonly string[] | undefined;
  associations?: readonly ObjectType[] | undefined;
}

export function presentRecord(state: HubSpotState, type: ObjectType, record: CrmRecord, options: PresentOptions = {}) {
  const names = options.properties && options.properties.length > 0 ? options.properties : DEFAULT_PROPERTIES[type];
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    if (name in record.properties) properties[name] = record.properties[name] ?? null;
  }
  const out: Record<string, unknown> = {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
  };
  if (options.propertiesWithHistory?.length) {
    const history: Record<string, unknown[]> = {};
    for (const name of options.propertiesWithHistory) {
      const value = record.properties[name];
      if (value === undefined) continue;
      // Properties the sandbox does not track answer with their current value as their only version.
      history[name] = record.history[name] ?? (value === null ? [] : [{ value, timestamp: record.updatedAt, sourceType: 'CRM_UI' }]);
    }
    out.propertiesWithHistory = history;
  }
  if (options.associations?.length) {
    const associations: Record<string, unknown> = {};
    for (const toType of options.associations) {
      const targets = state.associations.list(type, record.id, toType);
      if (targets.length === 0) continue;
      associations[toType] = { results: targets.map((t) => ({ id: t.toObjectId, type: `${singularOf(type)}_to_${singularOf(toType)}` })) };
    }
    out.associations = associations;
  }
  return out;
}

/** A comma list from a query string (`properties=a,b`) or a repeated parameter. */
export function splitList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}
