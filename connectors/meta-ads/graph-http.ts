/**
 * The Graph API transport of the Meta connector: the shared HTTP core at
 * `{baseUrl}/{apiVersion}` (version from configuration), the token in a Bearer header (kept out of
 * URLs and logs), `appsecret_proof` when the app secret is known, Meta's error codes and usage
 * headers read by `interpretMetaResponse` / `observeMetaUsage`, and cursor paging that follows
 * `paging.next` to the last page.
 * @see https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
 * @see https://developers.facebook.com/docs/graph-api/results
 */
import { createHmac } from 'node:crypto';
import type { AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp, type RequestOptions, type VendorHttp, type VendorHttpOptions } from '../http/vendor-http.js';
import { metaPageSchema } from './schemas.js';
import { interpretMetaResponse, observeMetaUsage } from './throttle.js';

export const META = 'meta';

export type MetaConnection = VendorConnection & { apiVersion: string; adAccountId: string; pageId: string };

/** Meta budgets by usage percentages (read from headers); this pace only smooths bursts. */
export const META_BUDGET = { points: 50, durationMs: 1000 };

/** Test and tuning hooks over the core's options (retry policy, governor, breaker). */
export type MetaHttpOverrides = Partial<Pick<VendorHttpOptions, 'retry' | 'governor' | 'breaker' | 'sleep'>>;

export interface GraphPage<T> {
  data: T[];
  /** The cursor after this page's last item. */
  after: string | undefined;
  hasNext: boolean;
}

export interface MetaGraph {
  http: VendorHttp;
  /** Every page of an edge, following `paging.next`. */
  pages<T extends z.ZodType>(operation: string, url: string, item: T, params: Record<string, string | number>, call?: RequestOptions): AsyncGenerator<z.infer<T>[]>;
  /** Pages with their cursors, for readers that checkpoint mid-edge. */
  cursorPages<T extends z.ZodType>(
    operation: string,
    url: string,
    item: T,
    params: Record<string, string | number>,
    call?: RequestOptions,
  ): AsyncGenerator<GraphPage<z.infer<T>>>;
  request<T>(operation: string, config: AxiosRequestConfig, options?: RequestOptions): Promise<T>;
}

export function createMetaGraph(connection: MetaConnection, runtime: ConnectorRuntime, overrides: MetaHttpOverrides = {}): MetaGraph {
  const appSecret = connection.webhookSecret;
  const http = createVendorHttp({
    vendor: META,
    baseURL: `${connection.baseUrl}/${connection.apiVersion}`,
    headers: { authorization: `Bearer ${connection.credential}` },
    // Proves the token was issued to this app; Meta requires it when "Require App Secret" is on.
    ...(appSecret ? { params: { appsecret_proof: createHmac('sha256', appSecret).update(connection.credential).digest('hex') } } : {}),
    interpret: interpretMetaResponse,
    observe: (response) => observeMetaUsage(response),
    ...vendorHttpOptions(runtime, META, connection, META_BUDGET),
    ...overrides,
  });

  async function* cursorPages<T extends z.ZodType>(operation: string, url: string, item: T, params: Record<string, string | number>, call?: RequestOptions) {
    let next: string | undefined = url;
    let query: Record<string, string | number> | undefined = params;
    while (next) {
      const body: unknown = await http.request(operation, { method: 'GET', url: next, params: query }, call);
      const page = parseVendorPayload(META, operation, metaPageSchema(item), body);
      // paging.next is absolute and carries every parameter; it is absent on the last page.
      const following = page.paging?.next;
      yield { data: page.data as z.infer<T>[], after: page.paging?.cursors?.after, hasNext: following !== undefined } satisfies GraphPage<z.infer<T>>;
      if (following === next) break;
      next = following;
      query = undefined;
    }
  }

  return {
    http,
    request: (operation, config, options) => http.request(operation, config, options),
    cursorPages,
    async *pages(operation, url, item, params, call) {
      for await (const page of cursorPages(operation, url, item, params, call)) if (page.data.length > 0) yield page.data;
    },
  };
}
