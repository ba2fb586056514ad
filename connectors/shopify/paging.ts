/**
 * Relay paging over a Shopify connection: pages in order, following `endCursor` while
 * `hasNextPage`, stopping on a missing or repeated cursor rather than looping.
 * @see https://shopify.dev/docs/api/usage/pagination-graphql
 */
import type { PageInfo } from './schemas.js';

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

export async function* pagesOf<T>(fetchPage: (after: string | null) => Promise<Page<T>>, after: string | null = null): AsyncGenerator<Page<T>> {
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(after);
    yield page;
    const next = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage || !next || seen.has(next)) return;
    seen.add(next);
    after = next;
  }
}
