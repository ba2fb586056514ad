/**
 * HubSpot CRM client (contacts v3). Lookups by id or email, batch reads for DataLoader, and
 * paging through every contact.
 * @see https://developers.hubspot.com/docs/api/crm/contacts
 */
import type { VendorConnection } from '../../config/env.js';
import { isVendorError } from '../http/errors.js';
import { vendorHttpOptions, type ConnectorRuntime } from '../http/runtime.js';
import { createVendorHttp, type VendorHttp } from '../http/vendor-http.js';
import {
  CONTACT_PROPERTIES,
  HubSpotBatchReadSchema,
  HubSpotContactListSchema,
  HubSpotContactSchema,
  type HubSpotContact,
} from './schemas.js';
import { parseVendorPayload } from '../http/parse.js';

export const HUBSPOT = 'hubspot';
/** HubSpot's batch endpoints take at most 100 inputs. */
export const HUBSPOT_BATCH_LIMIT = 100;

export interface HubSpotClient {
  getContact(id: string): Promise<HubSpotContact | undefined>;
  getContactByEmail(email: string): Promise<HubSpotContact | undefined>;
  /** One call per 100 ids; ids HubSpot does not know are simply absent from the result. */
  batchReadContacts(ids: readonly string[], idProperty?: 'email'): Promise<HubSpotContact[]>;
  /** Every contact, page by page (100 per page), following `paging.next.after` to the end. */
  listContacts(): AsyncGenerator<HubSpotContact[]>;
}

/** HubSpot Professional: 190 calls per 10 s per app; the Free/Starter 100 is the safe default. */
export const HUBSPOT_BUDGET = { points: 100, durationMs: 10_000 };

export function createHubSpotClient(connection: VendorConnection, runtime: ConnectorRuntime): HubSpotClient {
  const http: VendorHttp = createVendorHttp({
    vendor: HUBSPOT,
    baseURL: connection.baseUrl,
    headers: { authorization: `Bearer ${connection.credential}` },
    ...vendorHttpOptions(runtime, HUBSPOT, connection, HUBSPOT_BUDGET),
  });
  const properties = CONTACT_PROPERTIES.join(',');

  const getBy = async (operation: string, id: string, idProperty?: 'email') => {
    try {
      const body = await http.request(operation, {
        method: 'GET',
        url: `/crm/v3/objects/contacts/${encodeURIComponent(id)}`,
        params: { properties, ...(idProperty ? { idProperty } : {}) },
      });
      return parseVendorPayload(HUBSPOT, operation, HubSpotContactSchema, body);
    } catch (error) {
      if (isVendorError(error) && error.code === 'UPSTREAM_NOT_FOUND') return undefined;
      throw error;
    }
  };

  return {
    getContact: (id) => getBy('contacts.get', id),
    getContactByEmail: (email) => getBy('contacts.getByEmail', email, 'email'),

    async batchReadContacts(ids, idProperty) {
      const results: HubSpotContact[] = [];
      for (let i = 0; i < ids.length; i += HUBSPOT_BATCH_LIMIT) {
        const inputs = ids.slice(i, i + HUBSPOT_BATCH_LIMIT).map((id) => ({ id }));
        const body = await http.request('contacts.batchRead', {
          method: 'POST',
          url: '/crm/v3/objects/contacts/batch/read',
          data: { inputs, properties: CONTACT_PROPERTIES, propertiesWithHistory: [], ...(idProperty ? { idProperty } : {}) },
        });
        results.push(...parseVendorPayload(HUBSPOT, 'contacts.batchRead', HubSpotBatchReadSchema, body).results);
      }
      return results;
    },

    async *listContacts() {
      let after: string | undefined;
      do {
        const body = await http.request('contacts.list', {
          method: 'GET',
          url: '/crm/v3/objects/contacts',
          params: { limit: 100, properties, ...(after ? { after } : {}) },
        });
        const page = parseVendorPayload(HUBSPOT, 'contacts.list', HubSpotContactListSchema, body);
        if (page.results.length > 0) yield page.results;
        after = page.paging?.next?.after;
      } while (after);
    },
  };
}
