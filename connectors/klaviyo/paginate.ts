/**
 * Klaviyo cursor paging: follow `links.next` (an absolute URL that already carries every
 * parameter) until it is absent or null. A next link seen before ends the read with a typed error
 * rather than looping forever.
 * @see https://developers.klaviyo.com/en/docs/api_overview#pagination
 */
import type { z } from 'zod';
import { VendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import type { RequestOptions, VendorHttp } from '../http/vendor-http.js';

type Page = { links?: { next?: string | null | undefined } | undefined };

export async function* klaviyoPages<S extends z.ZodType<Page>>(
  http: VendorHttp,
  operation: string,
  schema: S,
  path: string,
  params: Record<string, string | number | undefined>,
  options: RequestOptions = {},
): AsyncGenerator<z.infer<S>> {
  let url: string | undefined = path;
  let query: Record<string, string | number | undefined> | undefined = params;
  const seen = new Set<string>();
  while (url) {
    const body: unknown = await http.request(operation, { method: 'GET', url, params: query }, options);
    const page = parseVendorPayload(http.vendor, operation, schema, body);
    yield page;
    const next = page.links?.next ?? undefined;
    if (next !== undefined && seen.has(next)) {
      throw new VendorError('links.next repeated a page already read', { vendor: http.vendor, operation, code: 'UPSTREAM_BAD_RESPONSE', retryable: false });
    }
    if (next !== undefined) seen.add(next);
    url = next;
    query = undefined;
  }
}
