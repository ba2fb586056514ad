/**
 * Apollo `Cache-Control` hints for the gateway's response cache: a person's Google data is
 * PRIVATE (per caller), campaign reports PUBLIC. Apollo Server's cache-control plugin puts
 * `cacheControl` on the resolver info; when it is absent (a bare schema), hints are skipped.
 * @see https://www.apollographql.com/docs/apollo-server/performance/caching
 */
import type { GraphQLResolveInfo } from 'graphql';

export interface CacheHint {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

export function setCacheHint(info: GraphQLResolveInfo, hint: CacheHint): void {
  (info as GraphQLResolveInfo & { cacheControl?: { setCacheHint(hint: CacheHint): void } }).cacheControl?.setCacheHint(hint);
}
