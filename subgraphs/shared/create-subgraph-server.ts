/**
 * Builds and starts one subgraph: Apollo Server 5 over a federation schema read from the
 * subgraph's own schema.graphql (resolved from the module, not the working directory).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type { RunningService } from '../../platform/service.js';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  schemaUrl: URL;
  resolvers: unknown;
  /** Builds the per-request context (fresh DataLoaders live here). */
  context: () => Promise<TContext>;
  host: string;
  port: number;
}

export function createSubgraphServer<TContext extends BaseContext>(options: Pick<SubgraphOptions<TContext>, 'schemaUrl' | 'resolvers'>) {
  const typeDefs = parse(readFileSync(options.schemaUrl, 'utf8'));
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    // Usage reporting to Apollo is not used; inline traces only cost time.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // The launcher owns signal handling and stops every service in order.
    stopOnTerminationSignals: false,
  });
}

export async function startSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): Promise<RunningService> {
  const server = createSubgraphServer<TContext>(options);
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
    context: options.context,
  });
  return { name: `subgraph:${options.name}`, url: new URL('/graphql', url).toString(), close: () => server.stop() };
}
