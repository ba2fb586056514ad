/**
 * Shopify's `DateTime`: ISO 8601 in UTC with second precision on output (`2026-10-01T12:00:00Z`);
 * any ISO 8601 instant on input, anything else refused.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/scalars/DateTime
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const toShopify = (value: unknown) => new Date(value as string).toISOString().replace(/\.\d{3}Z$/, 'Z');

function parseInstant(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new GraphQLError(`Invalid DateTime: ${JSON.stringify(value)}`);
  }
  return new Date(value).toISOString();
}

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: toShopify,
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
