/**
 * The DateTime scalar: ISO 8601 with an offset in, UTC ISO with milliseconds out, so that every
 * time the API answers sorts and compares as text. A malformed value is a BAD_USER_INPUT error.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { z } from 'zod';

const IsoDateTime = z.string().datetime({ offset: true });

function parse(value: unknown): string {
  const parsed = IsoDateTime.safeParse(value);
  if (!parsed.success) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with an offset, such as 2026-11-01T09:30:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(parsed.data).toISOString();
}

export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with an offset; answered in UTC.',
  serialize: (value) => new Date(String(value)).toISOString(),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
