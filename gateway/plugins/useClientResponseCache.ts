/**
 * A response cache that never crosses clients and obeys the subgraphs. Keys are partitioned by
 * client and scope set (a response one client may see is never served to another); a response is
 * stored only when every subgraph call behind it said it may be (`Cache-Control` with `max-age`,
 * not `private` nor `no-store`), for the smallest `max-age` among them, capped by `maxTtlSeconds`.
 * Errors are never cached; a mutation drops the cached responses holding the entities it touched.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { clientOf, clientScopeKey } from '../clients/authenticated-client.js';

export interface ClientResponseCacheOptions {
  /** Upper bound of a cached response's life. */
  maxTtlSeconds: number;
  /** Store; memory (this process) when undefined. */
  cache?: Cache;
  /** Called for each response served from the cache (metrics). */
  onHit?: (client: string) => void;
}

/** The longest a subgraph answer may be cached per its Cache-Control (0: not at all). */
export function subgraphTtlMs(cacheControl: string | null): number {
  if (!cacheControl) return 0;
  const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache' || d === 'private')) return 0;
  const maxAge = directives.find((d) => d.startsWith('s-maxage=')) ?? directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge ? Number(maxAge.split('=')[1]) : 0;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

export function useClientResponseCache(options: ClientResponseCacheOptions): GatewayPlugin {
  const ttlByContext = new WeakMap<object, number>();
  const cache = options.cache ?? createInMemoryCache();
  const inner = useResponseCache<{ request: Request }>({
    cache,
    ttl: options.maxTtlSeconds * 1000,
    session: (request) => {
      const client = clientOf(request);
      return client ? clientScopeKey(client) : null;
    },
    enabled: (request) => clientOf(request) !== undefined,
    // A request whose subgraph answers this plugin did not see (identical requests in flight share
    // one subgraph call, whose headers reach only the first) is not cached: nothing said it may be.
    onTtl: ({ ttl, context }) => Math.min(ttl, ttlByContext.get(context as object) ?? 0),
    includeExtensionMetadata: false,
  });
  return {
    ...(inner as GatewayPlugin),
    onFetch({ executionRequest, context }) {
      if (!executionRequest || !context) return;
      return ({ response }) => {
        const ttl = subgraphTtlMs(response.headers.get('cache-control'));
        ttlByContext.set(context, Math.min(ttl, ttlByContext.get(context) ?? Infinity));
      };
    },
    onResultProcess({ request, result }) {
      if (options.onHit && !Array.isArray(result) && (result as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]) {
        options.onHit(clientOf(request)?.name ?? 'unknown');
      }
    },
  };
}
