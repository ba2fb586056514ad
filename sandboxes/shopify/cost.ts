/**
 * Shopify's calculated query cost and its leaky bucket.
 * Scalars and enums cost 0, objects 1, connections 2 plus `first` times the cost of one node,
 * mutations 10. The bucket holds `maximumAvailable` points and refills at `restoreRate` per second.
 * @see https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
 */
import {
  getNamedType,
  GraphQLObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type GraphQLCompositeType,
  type ValueNode,
} from 'graphql';

export const MAX_SINGLE_QUERY_COST = 1000;

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === 'mutation') return 10;
  return selectionCost(schema, schema.getQueryType()!, operation.selectionSet, variables);
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  variables: Record<string, unknown>,
): number {
  if (!selectionSet) return 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      cost += selectionCost(schema, on as GraphQLCompositeType, selection.selectionSet, variables);
      continue;
    }
    if (selection.kind !== Kind.FIELD) continue;
    if (!(parent instanceof GraphQLObjectType) && !isInterfaceType(parent)) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const type = getNamedType(field.type);
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const childCost = selectionCost(schema, type, selection.selectionSet, variables);
    if (type.name.endsWith('Connection')) {
      const first = numericArgument(selection.arguments ?? [], 'first', variables) ?? 1;
      cost += 2 + first * Math.max(connectionNodeCost(schema, type, selection.selectionSet, variables), 1);
    } else {
      cost += 1 + childCost;
    }
  }
  return cost;
}

/** The cost of one node of a connection, whether selected through `nodes` or `edges { node }`. */
function connectionNodeCost(
  schema: GraphQLSchema,
  connection: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  variables: Record<string, unknown>,
): number {
  let best = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    if (name === 'nodes' || name === 'edges') {
      best = Math.max(best, selectionCost(schema, connection, { kind: Kind.SELECTION_SET, selections: [selection] }, variables) - 1);
    }
  }
  return best;
}

function numericArgument(
  args: readonly { name: { value: string }; value: ValueNode }[],
  name: string,
  variables: Record<string, unknown>,
): number | undefined {
  const arg = args.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  if (arg.value.kind === Kind.VARIABLE) {
    const value = variables[arg.value.name.value];
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** The leaky bucket of one app on one store. */
export class CostBucket {
  private available: number;
  private lastRefill: number;

  constructor(
    readonly maximumAvailable = 2000,
    readonly restoreRate = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.available = maximumAvailable;
    this.lastRefill = now();
  }

  /** Takes `cost` points if available; returns whether it did. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Returns points the query did not actually spend (Shopify refunds requested minus actual). */
  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  drain(): void {
    this.refill();
    this.available = 0;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.lastRefill) / 1000) * this.restoreRate);
    this.lastRefill = now;
  }
}
