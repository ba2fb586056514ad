/**
 * Sets an Apollo cache hint on a field (`info.cacheControl.setCacheHint`), which Apollo Server's
 * cache-control plugin turns into the response's `Cache-Control` header. Typed locally so the
 * subgraph does not depend on Apollo's type augmentation package.
 * @see https://www.apollographql.com/docs/apollo-server/performance/caching#in-your-resolvers-dynamic
 */
import type { GraphQLResolveInfo } from 'graphql';

export interface CacheHint {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

export function setCacheHint(info: GraphQLResolveInfo, hint: CacheHint): void {
  (info as GraphQLResolveInfo & { cacheControl?: { setCacheHint(hint: CacheHint): void } }).cacheControl?.setCacheHint(hint);
}
