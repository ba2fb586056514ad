/**
 * Shopify's calculated query cost, before execution (requested) and after (actual).
 * Scalars and enums cost 0, objects 1 plus their selections, connections 2 plus `first` (or
 * `last`) times the cost of one node, `nodes(ids:)` one node per id, mutations 10. The actual
 * cost counts only what came back: null objects and missing edges are free.
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits#cost-calculation
 */
import {
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type FieldNode,
  isCompositeType,
} from 'graphql';

export const MAX_SINGLE_QUERY_COST = 1000;
export const MUTATION_COST = 10;

interface CostContext {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Record<string, FragmentDefinitionNode>;
}

type Fields = { node: FieldNode; type: GraphQLCompositeType }[];

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  fragments: Record<string, FragmentDefinitionNode> = {},
): number {
  if (operation.operation === 'mutation') return MUTATION_COST;
  return selectionCost({ schema, variables, fragments }, schema.getQueryType()!, operation.selectionSet);
}

export function actualQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  data: unknown,
  fragments: Record<string, FragmentDefinitionNode> = {},
): number {
  if (operation.operation === 'mutation') return MUTATION_COST;
  return resultCost({ schema, variables, fragments }, schema.getQueryType()!, operation.selectionSet, data);
}

/** The worst case of a selection: an abstract type costs its most expensive possible type. */
function selectionCost(ctx: CostContext, parent: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined): number {
  if (!selectionSet) return 0;
  const types = isAbstractType(parent) ? ctx.schema.getPossibleTypes(parent) : [parent];
  let worst = 0;
  for (const type of types) {
    let cost = 0;
    for (const { node, type: owner } of fieldsFor(ctx, type, selectionSet)) {
      const field = fieldDef(owner, node.name.value);
      if (field) cost += fieldCost(ctx, field, node);
    }
    worst = Math.max(worst, cost);
  }
  return worst;
}

function fieldCost(ctx: CostContext, field: GraphQLField<unknown, unknown>, node: FieldNode): number {
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  if (named.name === 'PageInfo') return 0;
  if (named.name.endsWith('Connection')) {
    const size = intArgument(ctx, node, 'first') ?? intArgument(ctx, node, 'last') ?? 0;
    return 2 + size * connectionNodeCost(ctx, named, node.selectionSet);
  }
  const objectCost = 1 + selectionCost(ctx, named, node.selectionSet);
  const ids = listArgumentLength(ctx, node, 'ids');
  return isList(field) && ids !== undefined ? ids * objectCost : objectCost;
}

/** One node of a connection, selected through `nodes` or `edges { node }` (whichever is dearer). */
function connectionNodeCost(ctx: CostContext, connection: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined): number {
  let best = 1;
  if (!selectionSet || !isObjectType(connection)) return best;
  for (const { node } of fieldsFor(ctx, connection, selectionSet)) {
    const name = node.name.value;
    const nodeType = getNamedType(connection.getFields()[name === 'edges' ? 'edges' : 'nodes']?.type);
    if (name === 'nodes' && nodeType && isCompositeType(nodeType)) {
      best = Math.max(best, 1 + selectionCost(ctx, nodeType, node.selectionSet));
    }
    if (name === 'edges' && nodeType && isObjectType(nodeType)) {
      for (const edgeField of fieldsFor(ctx, nodeType, node.selectionSet!)) {
        if (edgeField.node.name.value !== 'node') continue;
        const itemType = getNamedType(nodeType.getFields()['node']!.type);
        if (isCompositeType(itemType)) best = Math.max(best, 1 + selectionCost(ctx, itemType, edgeField.node.selectionSet));
      }
    }
  }
  return best;
}

/** What a result actually cost: only objects that came back, only edges that were returned. */
function resultCost(ctx: CostContext, parent: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, data: unknown): number {
  if (!selectionSet || data === null || typeof data !== 'object') return 0;
  const record = data as Record<string, unknown>;
  const types = isAbstractType(parent) ? ctx.schema.getPossibleTypes(parent) : [parent];
  let cost = 0;
  const counted = new Set<string>();
  for (const type of types) {
    for (const { node, type: owner } of fieldsFor(ctx, type, selectionSet)) {
      const key = node.alias?.value ?? node.name.value;
      if (counted.has(key) || !(key in record)) continue;
      const field = fieldDef(owner, node.name.value);
      const named = field ? getNamedType(field.type) : undefined;
      if (!field || !named || !isCompositeType(named) || named.name === 'PageInfo') continue;
      counted.add(key);
      const value = record[key];
      if (value === null || value === undefined) continue;
      if (named.name.endsWith('Connection')) {
        const connection = value as { nodes?: unknown[]; edges?: { node: unknown }[] };
        const items = connection.nodes ?? connection.edges?.map((e) => e.node) ?? [];
        const itemType = isObjectType(named) ? getNamedType(named.getFields()['nodes']?.type) : undefined;
        const itemSelection = nodeSelection(ctx, named, node.selectionSet);
        cost += 2;
        for (const item of items) {
          cost += 1 + (itemType && isCompositeType(itemType) ? resultCost(ctx, itemType, itemSelection, item) : 0);
        }
      } else if (Array.isArray(value)) {
        for (const item of value) if (item !== null) cost += 1 + resultCost(ctx, named, node.selectionSet, item);
      } else {
        cost += 1 + resultCost(ctx, named, node.selectionSet, value);
      }
    }
  }
  return cost;
}

/** The selection applied to each node of a connection (from `nodes { }` or `edges { node { } }`). */
function nodeSelection(ctx: CostContext, connection: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined): SelectionSetNode | undefined {
  if (!selectionSet || !isObjectType(connection)) return undefined;
  for (const { node } of fieldsFor(ctx, connection, selectionSet)) {
    if (node.name.value === 'nodes') return node.selectionSet;
    if (node.name.value === 'edges') {
      const edge = node.selectionSet?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'node');
      if (edge) return edge.selectionSet;
    }
  }
  return undefined;
}

/** The fields a selection set asks of `type`, through inline fragments and named spreads that apply. */
function fieldsFor(ctx: CostContext, type: GraphQLCompositeType, selectionSet: SelectionSetNode): Fields {
  const out: Fields = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) out.push({ node: selection, type });
    else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : ctx.fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? ctx.schema.getType(fragment.typeCondition.name.value) : type;
      if (!condition || !applies(ctx, condition as GraphQLCompositeType, type)) continue;
      out.push(...fieldsFor(ctx, type, fragment.selectionSet));
    }
  }
  return out;
}

function applies(ctx: CostContext, condition: GraphQLCompositeType, type: GraphQLCompositeType): boolean {
  if (condition.name === type.name) return true;
  return isAbstractType(condition) && isObjectType(type) && ctx.schema.isSubType(condition, type);
}

function fieldDef(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;
}

function isList(field: GraphQLField<unknown, unknown>): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type);
}

function argumentValue(ctx: CostContext, node: FieldNode, name: string): ValueNode | unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return arg.value.kind === Kind.VARIABLE ? ctx.variables[arg.value.name.value] : arg.value;
}

function intArgument(ctx: CostContext, node: FieldNode, name: string): number | undefined {
  const value = argumentValue(ctx, node, name);
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && (value as ValueNode).kind === Kind.INT) return Number((value as { value: string }).value);
  return undefined;
}

function listArgumentLength(ctx: CostContext, node: FieldNode, name: string): number | undefined {
  const value = argumentValue(ctx, node, name);
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object' && (value as ValueNode).kind === Kind.LIST) return (value as { values: unknown[] }).values.length;
  return undefined;
}
