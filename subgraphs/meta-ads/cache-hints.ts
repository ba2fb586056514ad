/**
 * `Cache-Control` hints (Apollo's cache control, installed by default in Apollo Server): how long a
 * field's answer may be reused, and by whom. Per-person fields are PRIVATE; account-wide metrics
 * PUBLIC. Typed locally: the hint API lives on `info.cacheControl` when the plugin is active.
 * @see https://www.apollographql.com/docs/apollo-server/performance/caching#in-your-resolvers-dynamic
 */
import type { GraphQLResolveInfo } from 'graphql';

interface CacheControlInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

export function cacheHint(info: GraphQLResolveInfo, maxAge: number, scope: 'PUBLIC' | 'PRIVATE'): void {
  (info as GraphQLResolveInfo & CacheControlInfo).cacheControl?.setCacheHint({ maxAge, scope });
}
