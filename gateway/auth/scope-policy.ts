/**
 * Scope enforcement at the gateway: Hive's generic auth (protect-granular) reads
 * `@requiresScopes` from the supergraph, plus the few requirements that cannot be written there.
 *
 * Why some cannot: composition refuses `@requiresScopes` on a field that another subgraph reads
 * through `@requires` unless every requiring field carries the same scope (the transitive auth
 * rule). `Identity.value` is read by every vendor subgraph (`@requires(fields: "identities { kind
 * value }")`); scoping it in the schema would force `pii:read` onto `Customer.hubspot`, `.shopify`,
 * ... whole. So it is scoped here, by coordinate: a client selecting it needs the scope, while the
 * gateway's own `@requires` fetches (planned, never validated against a client) still carry it to
 * the vendor subgraphs.
 */
import { defaultProtectSingleValidateFn, type ValidateUserFnParams } from '@envelop/generic-auth';
import { GraphQLError } from 'graphql';
import { SCOPES } from '../../config/scopes.js';

/** `Type.field` → alternatives of scope sets, as `@requiresScopes(scopes:)` would say. */
export const GATEWAY_FIELD_SCOPES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'Identity.value': [[SCOPES.PII_READ]],
};

/**
 * Generic auth's own check (declared `@requiresScopes`), then the coordinates above. A refusal
 * names the scopes that would have allowed the field, and answers 403: the caller is known (the
 * request got past authentication) but not allowed.
 */
export function validateClientScopes<User>(params: ValidateUserFnParams<User>): void | GraphQLError {
  const coordinate = `${params.parentType.name}.${params.field.name}`;
  const declared = defaultProtectSingleValidateFn(params);
  const required = declared ? (params.fieldScopes ?? params.typeScopes) : GATEWAY_FIELD_SCOPES[coordinate];
  if (!declared && (!required || required.some((all) => all.every((scope) => params.userScopes.includes(scope))))) return;
  return new GraphQLError(`Unauthorized field or type: ${coordinate} needs scope ${describe(required)}`, {
    nodes: [params.fieldNode],
    path: params.path,
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', field: coordinate, requiredScopes: required ?? [], http: { status: 403 } },
  });
}

const describe = (required: readonly (readonly string[])[] | undefined) =>
  (required ?? []).map((all) => all.map((s) => `"${s}"`).join(' and ')).join(' or ') || '(none)';
