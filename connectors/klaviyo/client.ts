/**
 * Klaviyo client (revision pinned by configuration). Profiles by id, batched by email or id with
 * `any(...)` filters, and every profile by following `links.next`.
 * @see https://developers.klaviyo.com/en/reference/api_overview
 */
import type { z } from 'zod';
import type { VendorConnection } from '../../config/env.js';
import { isVendorError } from '../http/errors.js';
import { parseVendorPayload } from '../http/parse.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp } from '../http/vendor-http.js';
import { KlaviyoProfileDocumentSchema, KlaviyoProfileListSchema, type KlaviyoProfile } from './schemas.js';

export const KLAVIYO = 'klaviyo';
/** `page[size]` for profiles is at most 100; `any()` filters are kept to the same size. */
export const KLAVIYO_PAGE_LIMIT = 100;

export interface KlaviyoClient {
  getProfile(id: string): Promise<KlaviyoProfile | undefined>;
  getProfilesByEmail(emails: readonly string[]): Promise<KlaviyoProfile[]>;
  getProfilesById(ids: readonly string[]): Promise<KlaviyoProfile[]>;
  listProfiles(options?: { updatedSince?: string }): AsyncGenerator<KlaviyoProfile[]>;
}

/** Quotes a value for a Klaviyo filter string. */
const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Klaviyo's steady limit for profile reads is 700 per minute (burst 75/s): pace to the steady rate. */
export const KLAVIYO_BUDGET = { points: 11, durationMs: 1000 };

export function createKlaviyoClient(connection: VendorConnection & { revision: string }, runtime: ConnectorRuntime): KlaviyoClient {
  const http = createVendorHttp({
    vendor: KLAVIYO,
    baseURL: connection.baseUrl,
    headers: {
      authorization: `Klaviyo-API-Key ${connection.credential}`,
      revision: connection.revision,
      accept: 'application/vnd.api+json',
    },
    ...vendorHttpOptions(runtime, KLAVIYO, connection, KLAVIYO_BUDGET),
  });

  const filtered = async (operation: string, field: string, values: readonly string[]) => {
    const out: KlaviyoProfile[] = [];
    for (let i = 0; i < values.length; i += KLAVIYO_PAGE_LIMIT) {
      const chunk = values.slice(i, i + KLAVIYO_PAGE_LIMIT);
      const filter = chunk.length === 1 ? `equals(${field},${quote(chunk[0]!)})` : `any(${field},[${chunk.map(quote).join(',')}])`;
      for await (const page of pages(operation, { filter, 'page[size]': KLAVIYO_PAGE_LIMIT })) out.push(...page);
    }
    return out;
  };

  async function* pages(operation: string, params: Record<string, string | number>): AsyncGenerator<KlaviyoProfile[]> {
    let url: string | undefined = '/api/profiles';
    let query: Record<string, string | number> | undefined = params;
    while (url) {
      const body: unknown = await http.request(operation, { method: 'GET', url, params: query });
      const page: z.infer<typeof KlaviyoProfileListSchema> = parseVendorPayload(KLAVIYO, operation, KlaviyoProfileListSchema, body);
      if (page.data.length > 0) yield page.data;
      // links.next is an absolute URL that already carries every parameter.
      url = page.links?.next ?? undefined;
      query = undefined;
    }
  }

  return {
    async getProfile(id) {
      try {
        const body = await http.request('profiles.get', { method: 'GET', url: `/api/profiles/${encodeURIComponent(id)}` });
        return parseVendorPayload(KLAVIYO, 'profiles.get', KlaviyoProfileDocumentSchema, body).data;
      } catch (error) {
        if (isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND') return undefined;
        throw error;
      }
    },
    getProfilesByEmail: (emails) => filtered('profiles.byEmail', 'email', emails),
    getProfilesById: (ids) => filtered('profiles.byId', 'id', ids),
    listProfiles: ({ updatedSince } = {}) =>
      pages('profiles.list', {
        'page[size]': KLAVIYO_PAGE_LIMIT,
        ...(updatedSince ? { filter: `greater-or-equal(updated,${updatedSince})` } : {}),
      }),
  };
}
