/**
 * Gives variable-coercion errors ("Variable "$channel" got invalid value …") the code
 * BAD_USER_INPUT, as Apollo Server does and as resolver-level input errors already carry, so a
 * client branches on one code for every kind of bad input. Nothing was executed when they occur.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

const VARIABLE_ERROR = /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/;

const tag = (error: GraphQLError) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });

const untagged = (e: { message: string; extensions?: Record<string, unknown> }) => VARIABLE_ERROR.test(e.message) && !e.extensions?.code;

export function useInputErrorCodes(): GatewayPlugin {
  return {
    // The planner reports coercion errors before execution starts, so they are caught on the way out.
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
      const errors = (result as { errors?: GraphQLError[] }).errors;
      if (!errors?.some(untagged)) return;
      setResult({ ...result, errors: errors.map((e) => (e instanceof GraphQLError && untagged(e) ? tag(e) : e)) } as typeof result);
    },
  };
}
