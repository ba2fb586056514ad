/**
 * Apollo Server's dynamic cache hints (`info.cacheControl.setCacheHint`), which become the
 * response's `Cache-Control` and let the gateway cache too. Apollo adds `cacheControl` to the
 * resolve info at run time; it is read defensively so a server without the plugin is not broken.
 * @see https://www.apollographql.com/docs/apollo-server/performance/caching#in-your-resolvers-dynamic
 */
import type { GraphQLResolveInfo } from 'graphql';

interface CacheControlInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

/** Per-person data: cacheable for the caller only, for as long as the vendor read is cached. */
export function privateCacheHint(info: GraphQLResolveInfo, maxAgeSeconds: number): void {
  (info as GraphQLResolveInfo & CacheControlInfo).cacheControl?.setCacheHint({ maxAge: maxAgeSeconds, scope: 'PRIVATE' });
}
