/**
 * What a client sees of an error nobody meant it to see. Errors raised on purpose keep their
 * message and code (the gateway's own codes, a subgraph's BAD_USER_INPUT or UPSTREAM_*). Anything
 * unexpected (a crash inside the gateway, or a subgraph resolver's uncaught error, which Apollo
 * Server forwards with its raw message under INTERNAL_SERVER_ERROR) reaches the client as
 * `Unexpected error.` with code INTERNAL_SERVER_ERROR: driver messages, paths and stacks stay in
 * the hub's log, for operators.
 */
import { GraphQLError } from 'graphql';
import type { Logger } from '../platform/logger.js';
import { GATEWAY_ERRORS } from './errors.js';

/** Hive Gateway's (GraphQL Yoga's) `maskedErrors.maskError` signature. */
export type MaskError = (error: unknown, message: string, isDev?: boolean) => Error;

const MESSAGE = GATEWAY_ERRORS.INTERNAL_SERVER_ERROR.message;

// By name, not instanceof: the gateway runtime and the hub may hold different copies of graphql.
const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof Error && error.name === 'GraphQLError';

export function maskUnexpectedErrors(log: Logger): MaskError {
  return (error) => {
    if (isGraphQLError(error)) {
      const cause = error.originalError;
      const raisedOnPurpose = !cause || isGraphQLError(cause);
      const code = error.extensions?.code;
      if ((raisedOnPurpose && code !== 'INTERNAL_SERVER_ERROR') || error.message === MESSAGE) return error;
      log.error({ code: 'INTERNAL_SERVER_ERROR', path: error.path, err: cause ?? error }, 'unexpected error, masked for the client');
      return new GraphQLError(MESSAGE, { nodes: error.nodes, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    log.error({ code: 'INTERNAL_SERVER_ERROR', err: error }, 'unexpected error, masked for the client');
    return new GraphQLError(MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
