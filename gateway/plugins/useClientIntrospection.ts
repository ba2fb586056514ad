/**
 * Introspection and field suggestions only for clients configured with `introspection` (the
 * first-party ones): for the others, `__schema`/`__type` are refused with INTROSPECTION_DISABLED
 * and "Did you mean …?" hints are masked (GraphQL Armor), so the schema cannot be mapped by probing.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { clientOf } from '../clients/authenticated-client.js';
import { gatewayError } from '../errors.js';

const INTROSPECTION_REFUSED = /^GraphQL introspection has been disabled/;

export function useClientIntrospection(): GatewayPlugin {
  const suggestions = blockFieldSuggestionsPlugin();
  return {
    onValidate(payload) {
      const request = (payload.context as { request?: Request }).request;
      if (clientOf(request)?.introspection) return;
      payload.addValidationRule(NoSchemaIntrospectionCustomRule);
      const maskSuggestions = suggestions.onValidate?.(payload as never) as ((end: unknown) => void) | undefined;
      return (end) => {
        maskSuggestions?.(end);
        if (end.valid) return;
        end.setResult(
          end.result.map((error) =>
            error instanceof GraphQLError && INTROSPECTION_REFUSED.test(error.message)
              ? gatewayError('INTROSPECTION_DISABLED', undefined, { field: /"(__\w+)"/.exec(error.message)?.[1] })
              : error,
          ),
        );
      };
    },
  };
}
