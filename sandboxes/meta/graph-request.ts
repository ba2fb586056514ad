/**
 * Reading a Graph API request the way Graph does: parameters come from the query string or the
 * form/JSON body alike, and `fields` selects what a node or edge returns (with `a{b,c}` nesting).
 */
import type { FastifyRequest } from 'fastify';
import { invalidParameter } from './errors.js';

export type GraphParams = Record<string, string | undefined>;

/** Query and body parameters merged; body values that are not strings are passed on as JSON. */
export function graphParams(request: FastifyRequest): GraphParams {
  const out: GraphParams = {};
  // A parameter given twice (a `paging.next` URL plus a client's default parameters) counts once.
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[]>)) {
    out[key] = Array.isArray(value) ? value[0] : value;
  }
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      out[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return out;
}

/** Top-level names of a `fields` list; `targeting{custom_audiences}` names `targeting`. */
export function parseFields(fields: string | undefined): string[] | undefined {
  if (fields === undefined || fields.trim() === '') return undefined;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else if (depth === 0 && ch !== '}') {
      current += ch;
    }
  }
  names.push(current);
  return names.map((n) => n.trim()).filter(Boolean);
}

/**
 * Picks the requested fields of an object (or its defaults); an unknown field is refused as Graph
 * refuses it. `id` is always answered.
 */
export function selectFields<T extends Record<string, unknown>>(
  object: T,
  fields: string | undefined,
  defaults: readonly string[],
  nodeType: string,
): Partial<T> {
  const names = parseFields(fields) ?? defaults;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in object)) throw invalidParameter(`Tried accessing nonexisting field (${name}) on node type (${nodeType})`);
    if (object[name] !== undefined) out[name] = object[name];
  }
  if ('id' in object && out.id === undefined) out.id = object.id;
  return out as Partial<T>;
}
