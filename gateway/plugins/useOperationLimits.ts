/**
 * Static limits on every operation, from GraphQL Armor: depth, aliases, directives (validation
 * rules) and tokens (a parser limit, so a huge document is refused before it is even parsed).
 * Each refusal is reported with its own stable code (QUERY_TOO_DEEP, TOO_MANY_ALIASES,
 * TOO_MANY_DIRECTIVES, TOO_MANY_TOKENS) and a message naming the limit. Query cost is limited
 * separately by Hive's demand control (COST_ESTIMATED_TOO_EXPENSIVE).
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError, ValidationContext, parse as graphqlParse } from 'graphql';
import { gatewayError, type GatewayErrorCode } from '../errors.js';

export interface OperationLimitsOptions {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/** Armor reports "Syntax Error: <limit message>"; re-raise it under a stable code. */
const recode = (code: GatewayErrorCode) => (context: ValidationContext | null, error: GraphQLError) => {
  context?.reportError(gatewayError(code, error.message.replace(/^Syntax Error: /, ''), { limit: code }));
};

export function useOperationLimits(options: OperationLimitsOptions): GatewayPlugin {
  const rule = { propagateOnRejection: false, exposeLimits: true };
  const tokens = maxTokensPlugin({ n: options.maxTokens, exposeLimits: true });
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(maxDepthPlugin({ ...rule, n: options.maxDepth, onReject: [recode('QUERY_TOO_DEEP')] }));
      addPlugin(maxAliasesPlugin({ ...rule, n: options.maxAliases, onReject: [recode('TOO_MANY_ALIASES')] }));
      addPlugin(maxDirectivesPlugin({ ...rule, n: options.maxDirectives, onReject: [recode('TOO_MANY_DIRECTIVES')] }));
    },
    onParse(payload) {
      // Armor swaps in a token-limited parser; wrap it so its refusal carries a stable code.
      tokens.onParse?.({
        ...payload,
        setParseFn: (parse: typeof graphqlParse) =>
          payload.setParseFn((source, parseOptions) => {
            try {
              return parse(source, parseOptions);
            } catch (error) {
              if (/Token limit of/.test((error as Error).message)) {
                throw gatewayError('TOO_MANY_TOKENS', (error as Error).message.replace(/^Syntax Error: /, ''), { limit: 'TOO_MANY_TOKENS' });
              }
              throw error;
            }
          }),
      } as never);
    },
  };
}
