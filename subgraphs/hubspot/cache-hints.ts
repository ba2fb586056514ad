/**
 * Sets an Apollo cache hint on the field being resolved, so the subgraph's `Cache-Control` header
 * (the policy of the whole answer: the smallest max-age of its parts) tells the gateway how long
 * the answer may be reused. Apollo Server's cache-control plugin puts `cacheControl` on `info`.
 * @see https://www.apollographql.com/docs/apollo-server/performance/caching#in-your-resolvers-dynamic
 */
import type { GraphQLResolveInfo } from 'graphql';
import { HINT_SCOPE } from './cache-policy.js';

interface CacheControlInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

export function cacheHint(info: GraphQLResolveInfo, maxAge: number): void {
  (info as GraphQLResolveInfo & CacheControlInfo).cacheControl?.setCacheHint({ maxAge, scope: HINT_SCOPE });
}
