/**
 * An Apollo Server plugin that makes a subgraph answer only the gateway: every call must carry
 * the gateway's HMAC signature (see platform/upstream-signature.ts), and a mutation must come
 * from a caller whose signed scopes satisfy each `@requiresScopes` it selects. The verified
 * caller is put on the context as `caller` for resolvers that record who acted (audit trails).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { verifySignedParams, type UpstreamCaller } from '../../platform/upstream-signature.js';
import { missingScopes, requiredScopesBySchema } from './required-scopes.js';

export interface UpstreamGuardOptions {
  /** The secret shared with the gateway (`HUB_UPSTREAM_SECRET`). */
  secret: string;
  schema: GraphQLSchema;
}

const REASONS = {
  missing_signature: 'this subgraph only answers calls signed by the gateway',
  invalid_signature: 'the gateway signature does not match this call',
  stale_signature: 'the gateway signature is too old',
} as const;

export function upstreamGuard<TContext extends BaseContext>(options: UpstreamGuardOptions): ApolloServerPlugin<TContext> {
  if (!options.secret) throw new Error('Property "secret" is required for upstreamGuard');
  const required = requiredScopesBySchema(options.schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          const check = verifySignedParams(options.secret, request);
          if (!check.ok) {
            throw new GraphQLError(REASONS[check.reason], {
              extensions: { code: 'UPSTREAM_SIGNATURE_REQUIRED', reason: check.reason, http: { status: 401 } },
            });
          }
          (contextValue as { caller?: UpstreamCaller }).caller = check.caller;
          if (operation?.operation !== 'mutation') return;
          const refused = missingScopes(options.schema, required, document, check.caller?.scopes ?? []);
          if (refused.length > 0) {
            throw new GraphQLError(`The caller lacks the scopes these fields require: ${refused.join(', ')}`, {
              extensions: { code: 'FORBIDDEN', fields: refused, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
