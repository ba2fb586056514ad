/**
 * Builds and starts one subgraph: Apollo Server 5 over a federation schema read from the
 * subgraph's own schema.graphql (resolved from the module, not the working directory). A started
 * subgraph answers only calls signed by the gateway (`upstreamGuard`); an in-process server built
 * without `upstreamSecret` (unit tests through `executeOperation`) skips that check.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type { RunningService } from '../../platform/service.js';
import { serveSubgraph } from './serve-subgraph.js';
import { upstreamGuard } from './upstream-guard.js';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  schemaUrl: URL;
  resolvers: unknown;
  /** Builds the per-request context (fresh DataLoaders live here). */
  context: () => Promise<TContext>;
  host: string;
  port: number;
  /** The gateway's signing secret (`config.upstreamSecret`): unsigned calls are refused. */
  upstreamSecret: string;
}

export function createSubgraphServer<TContext extends BaseContext>(
  options: Pick<SubgraphOptions<TContext>, 'schemaUrl' | 'resolvers'> & { upstreamSecret?: string },
) {
  const typeDefs = parse(readFileSync(options.schemaUrl, 'utf8'));
  const schema = buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
  return new ApolloServer<TContext>({
    schema,
    // Usage reporting to Apollo is not used; inline traces only cost time.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.upstreamSecret ? [upstreamGuard<TContext>({ secret: options.upstreamSecret, schema })] : []),
    ],
    includeStacktraceInErrorResponses: false,
    // The launcher owns signal handling and stops every service in order.
    stopOnTerminationSignals: false,
  });
}

export async function startSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): Promise<RunningService> {
  const server = createSubgraphServer<TContext>(options);
  const { url } = await serveSubgraph(server, options);
  return { name: `subgraph:${options.name}`, url, close: () => server.stop() };
}
