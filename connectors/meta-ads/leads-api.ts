/**
 * Lead Ads reads: the page's lead forms, a form's leads (optionally only those created after an
 * instant, resumable from a cursor), and leads by id, 50 per call with the multi-id lookup.
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
 */
import { z } from 'zod';
import { isVendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import type { RequestOptions } from '../http/vendor-http.js';
import { META, type GraphPage, type MetaGraph } from './graph-http.js';
import { LEAD_FIELDS, MetaLeadFormSchema, MetaLeadSchema, type MetaLead, type MetaLeadForm } from './schemas.js';

/** The Graph API answers at most 50 ids per multi-id lookup. */
export const META_IDS_LIMIT = 50;

export interface LeadPageOptions {
  /** Only leads created after this unix time (seconds). */
  createdAfter?: number | undefined;
  /** Resume after this cursor. */
  after?: string | undefined;
  pageSize?: number;
}

export interface MetaLeadsApi {
  /** `call` bounds an interactive read (a deadline, fewer retries); background readers leave it out. */
  getLeads(ids: readonly string[], call?: RequestOptions): Promise<MetaLead[]>;
  listLeadForms(): AsyncGenerator<MetaLeadForm[]>;
  listLeads(formId: string): AsyncGenerator<MetaLead[]>;
  leadPages(formId: string, options?: LeadPageOptions): AsyncGenerator<GraphPage<MetaLead>>;
}

export function createLeadsApi(graph: MetaGraph, pageId: string): MetaLeadsApi {
  const leadPages = (formId: string, options: LeadPageOptions = {}) =>
    graph.cursorPages('leads.list', `/${formId}/leads`, MetaLeadSchema, {
      fields: LEAD_FIELDS,
      limit: options.pageSize ?? 100,
      ...(options.createdAfter === undefined
        ? {}
        : { filtering: JSON.stringify([{ field: 'time_created', operator: 'GREATER_THAN', value: options.createdAfter }]) }),
      ...(options.after === undefined ? {} : { after: options.after }),
    });
  async function getLead(id: string, call?: RequestOptions): Promise<MetaLead | undefined> {
    try {
      const body = await graph.request('leads.get', { method: 'GET', url: `/${id}`, params: { fields: LEAD_FIELDS } }, call);
      return parseVendorPayload(META, 'leads.get', MetaLeadSchema, body);
    } catch (error) {
      if (isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND') return undefined;
      throw error;
    }
  }

  return {
    async getLeads(ids, call) {
      const out: MetaLead[] = [];
      for (let i = 0; i < ids.length; i += META_IDS_LIMIT) {
        const chunk = ids.slice(i, i + META_IDS_LIMIT);
        try {
          const body = await graph.request('leads.byIds', { method: 'GET', url: '/', params: { ids: chunk.join(','), fields: LEAD_FIELDS } }, call);
          const byId = parseVendorPayload(META, 'leads.byIds', z.record(z.string(), MetaLeadSchema), body);
          out.push(...chunk.flatMap((id) => (byId[id] ? [byId[id]] : [])));
        } catch (error) {
          // One unknown id (a lead past Meta's retention, or deleted) fails the whole lookup:
          // read that chunk one by one and leave out the ids Meta no longer has.
          if (!(isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND')) throw error;
          for (const id of chunk) {
            const lead = await getLead(id, call);
            if (lead) out.push(lead);
          }
        }
      }
      return out;
    },
    listLeadForms: () => graph.pages('leadForms.list', `/${pageId}/leadgen_forms`, MetaLeadFormSchema, { limit: 100 }),
    listLeads: async function* (formId) {
      for await (const page of leadPages(formId)) if (page.data.length > 0) yield page.data;
    },
    leadPages,
  };
}
