import { GraphQLError } from 'graphql';

/** Page sizes a client may ask for: each one multiplies the Shopify query's cost. */
export const MAX_PAGE_SIZE = 50;

export function pageSize(argument: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`${argument} must be between 1 and ${MAX_PAGE_SIZE}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return value;
}
