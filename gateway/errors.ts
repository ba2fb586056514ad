/**
 * The gateway's closed set of error codes. Each code is stable (clients branch on it), has one
 * HTTP status, and is documented in docs/ARCHITECTURE.md (a test keeps the two in step). Errors
 * the gateway itself raises always carry one of these in `extensions.code`; subgraph errors keep
 * their own codes (UPSTREAM_*, BAD_USER_INPUT, ...).
 */
import { GraphQLError } from 'graphql';

export const GATEWAY_ERRORS = {
  UNAUTHENTICATED: { status: 401, message: 'Send an API key in `x-api-key` or a bearer token in `Authorization`.' },
  RATE_LIMITED: { status: 429, message: 'This client has used its request budget; retry after `Retry-After` seconds.' },
  PERSISTED_QUERY_ONLY: { status: 403, message: 'This client may only run its persisted operations: send a `documentId`.' },
  PERSISTED_QUERY_NOT_FOUND: { status: 404, message: 'PersistedQueryNotFound' },
  PERSISTED_QUERY_ID_REQUIRED: { status: 400, message: 'Send a `query`, a `documentId` or an APQ `sha256Hash`.' },
  PERSISTED_QUERY_HASH_MISMATCH: { status: 400, message: 'The APQ `sha256Hash` is not the SHA-256 of the query.' },
  QUERY_TOO_DEEP: { status: 400, message: 'The operation nests deeper than the gateway allows.' },
  TOO_MANY_ALIASES: { status: 400, message: 'The operation uses more aliases than the gateway allows.' },
  TOO_MANY_DIRECTIVES: { status: 400, message: 'The operation uses more directives than the gateway allows.' },
  TOO_MANY_TOKENS: { status: 400, message: 'The operation is longer (in tokens) than the gateway allows.' },
  COST_ESTIMATED_TOO_EXPENSIVE: { status: 400, message: 'The operation’s estimated cost is above the gateway’s limit.' },
  REQUEST_TOO_LARGE: { status: 413, message: 'The request body is larger than the gateway accepts.' },
  LENGTH_REQUIRED: { status: 411, message: 'Send a `content-length` header with the request body.' },
  INTROSPECTION_DISABLED: { status: 403, message: 'Introspection is not available to this client.' },
  UNAUTHORIZED_FIELD_OR_TYPE: { status: 403, message: 'The client’s scopes do not allow this field.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Unexpected error.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export function gatewayError(code: GatewayErrorCode, message: string = GATEWAY_ERRORS[code].message, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: GATEWAY_ERRORS[code].status } } });
}

/** A complete GraphQL-over-HTTP error answer, for refusals made before any GraphQL processing. */
export function errorResponse(
  code: GatewayErrorCode,
  options: { message?: string; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ResponseImpl: typeof Response = Response,
): Response {
  const body = JSON.stringify({
    errors: [{ message: options.message ?? GATEWAY_ERRORS[code].message, extensions: { code, ...options.extensions } }],
  });
  return new ResponseImpl(body, {
    status: GATEWAY_ERRORS[code].status,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...options.headers },
  });
}
