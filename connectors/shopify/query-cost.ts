/**
 * Shopify's requested query cost, computed client-side for the connector's own documents, so that
 * every query is sized to stay under the single-query limit (1000) and the governor can charge
 * the account's bucket what the query will cost. The rules need no schema for our documents:
 * a field without a selection is a scalar (0), `pageInfo` is free, a field with `first`/`last`
 * is a connection (2 + size × one node), a field with `ids` costs one node per id, any other
 * field with a selection is an object (1 + its selection), a mutation is 10.
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits#cost-calculation
 */
import { Kind, parse, type FieldNode, type SelectionSetNode, type ValueNode } from 'graphql';

export const MAX_QUERY_COST = 1000;
const MUTATION_COST = 10;

export function estimateQueryCost(document: string, variables: Record<string, unknown> = {}): number {
  const operation = parse(document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation in document');
  if (operation.operation === 'mutation') return MUTATION_COST;
  return selectionCost(operation.selectionSet, variables);
}

function selectionCost(selectionSet: SelectionSetNode | undefined, variables: Record<string, unknown>): number {
  let cost = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.INLINE_FRAGMENT) cost += selectionCost(selection.selectionSet, variables);
    else if (selection.kind === Kind.FIELD) cost += fieldCost(selection, variables);
  }
  return cost;
}

function fieldCost(field: FieldNode, variables: Record<string, unknown>): number {
  if (!field.selectionSet || field.name.value === 'pageInfo') return 0;
  const size = numberArgument(field, 'first', variables) ?? numberArgument(field, 'last', variables);
  if (size !== undefined) return 2 + size * nodeCost(field.selectionSet, variables);
  const ids = listArgument(field, 'ids', variables);
  const objectCost = 1 + selectionCost(field.selectionSet, variables);
  return ids === undefined ? objectCost : ids * objectCost;
}

/** One node of a connection, through `nodes { }` or `edges { node { } }`, whichever is dearer. */
function nodeCost(selectionSet: SelectionSetNode, variables: Record<string, unknown>): number {
  let best = 1;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value === 'nodes') best = Math.max(best, 1 + selectionCost(selection.selectionSet, variables));
    if (selection.name.value === 'edges') {
      for (const inner of selection.selectionSet?.selections ?? []) {
        if (inner.kind === Kind.FIELD && inner.name.value === 'node') best = Math.max(best, 1 + selectionCost(inner.selectionSet, variables));
      }
    }
  }
  return best;
}

function argumentValue(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : literal(arg.value);
}

function literal(value: ValueNode): unknown {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.LIST) return value.values;
  return undefined;
}

function numberArgument(field: FieldNode, name: string, variables: Record<string, unknown>): number | undefined {
  const value = argumentValue(field, name, variables);
  return typeof value === 'number' ? value : undefined;
}

function listArgument(field: FieldNode, name: string, variables: Record<string, unknown>): number | undefined {
  const value = argumentValue(field, name, variables);
  return Array.isArray(value) ? value.length : undefined;
}

/**
 * How many items fit in one query: each item costs `perItem`, the query around them `fixed`,
 * capped by Shopify's 250-per-page limit. Throws when not even one item fits.
 */
export function itemsPerQuery(perItem: number, fixed = 0, maxCost = MAX_QUERY_COST): number {
  const fit = Math.floor((maxCost - fixed) / perItem);
  if (fit < 1) throw new Error(`one item costs ${perItem + fixed}, over the ${maxCost} limit`);
  return Math.min(250, fit);
}
