/**
 * Meta Marketing API client (Graph API version from configuration): lead forms of the page,
 * their leads with cursor paging, and leads by id (up to 50 per call with `?ids=`).
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
 */
import { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp } from '../http/vendor-http.js';
import { LEAD_FIELDS, MetaLeadFormSchema, MetaLeadSchema, metaPageSchema, type MetaLead, type MetaLeadForm } from './schemas.js';

export const META = 'meta';
/** The Graph API answers at most 50 ids per multi-id lookup. */
export const META_IDS_LIMIT = 50;

export interface MetaAdsClient {
  getLeads(ids: readonly string[]): Promise<MetaLead[]>;
  listLeadForms(): AsyncGenerator<MetaLeadForm[]>;
  listLeads(formId: string): AsyncGenerator<MetaLead[]>;
}

type MetaConnection = VendorConnection & { apiVersion: string; pageId: string };

/** Meta budgets by usage percentages (read from headers); this pace only smooths bursts. */
export const META_BUDGET = { points: 50, durationMs: 1000 };

export function createMetaAdsClient(connection: MetaConnection, runtime: ConnectorRuntime): MetaAdsClient {
  const http = createVendorHttp({
    vendor: META,
    baseURL: `${connection.baseUrl}/${connection.apiVersion}`,
    // A Bearer header keeps the token out of URLs (and so out of any proxy or access log).
    headers: { authorization: `Bearer ${connection.credential}` },
    ...vendorHttpOptions(runtime, META, connection, META_BUDGET),
  });

  async function* pages<T extends z.ZodType>(operation: string, url: string, item: T, params: Record<string, string | number>) {
    let next: string | undefined = url;
    let query: Record<string, string | number> | undefined = params;
    while (next) {
      const body: unknown = await http.request(operation, { method: 'GET', url: next, params: query });
      const page: { data: unknown[]; paging?: { next?: string | undefined } | undefined } = parseVendorPayload(
        META,
        operation,
        metaPageSchema(item),
        body,
      );
      if (page.data.length > 0) yield page.data as z.infer<T>[];
      // paging.next is absolute and carries every parameter; it is absent on the last page.
      next = page.paging?.next;
      query = undefined;
    }
  }

  return {
    async getLeads(ids) {
      const out: MetaLead[] = [];
      for (let i = 0; i < ids.length; i += META_IDS_LIMIT) {
        const chunk = ids.slice(i, i + META_IDS_LIMIT);
        const body = await http.request('leads.byIds', { method: 'GET', url: '/', params: { ids: chunk.join(','), fields: LEAD_FIELDS } });
        const byId = parseVendorPayload(META, 'leads.byIds', z.record(z.string(), MetaLeadSchema), body);
        out.push(...chunk.flatMap((id) => (byId[id] ? [byId[id]] : [])));
      }
      return out;
    },
    listLeadForms: () => pages('leadForms.list', `/${connection.pageId}/leadgen_forms`, MetaLeadFormSchema, { limit: 100 }),
    listLeads: (formId) => pages('leads.list', `/${formId}/leads`, MetaLeadSchema, { fields: LEAD_FIELDS, limit: 100 }),
  };
}
