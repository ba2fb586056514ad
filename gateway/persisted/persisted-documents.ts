/**
 * Persisted operations through Hive's built-in support (`persistedDocuments`), per client:
 * - a request by `documentId` (or an APQ `sha256Hash`) runs the document of that id from the
 *   caller's own manifest; clients allowed arbitrary documents also find their APQ registrations;
 * - a request with a `query` runs only for clients allowed arbitrary documents (partners are
 *   safelist-only), and registers it for APQ when it carries its hash.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { clientOf } from '../clients/authenticated-client.js';
import { GATEWAY_ERRORS, gatewayError } from '../errors.js';
import type { ApqStore } from './apq-store.js';
import type { PersistedDocumentStore } from './document-store.js';
import { normalizeDocumentId, sha256Hex } from './manifest.js';

const errorOptions = (code: 'PERSISTED_QUERY_ONLY' | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_ID_REQUIRED') => ({
  message: GATEWAY_ERRORS[code].message,
  extensions: { code, http: { status: GATEWAY_ERRORS[code].status } },
});

export function persistedDocumentsOptions(store: PersistedDocumentStore, apq: ApqStore) {
  return {
    async getPersistedOperation(key: string, request: Request) {
      const client = clientOf(request);
      if (!client) return null;
      const id = normalizeDocumentId(key);
      const document = (await store.get(client.name, id)) ?? (client.arbitraryDocuments ? await apq.get(id) : undefined);
      return document ?? null;
    },
    allowArbitraryDocuments: (request: Request) => clientOf(request)?.arbitraryDocuments ?? false,
    customErrors: {
      persistedQueryOnly: errorOptions('PERSISTED_QUERY_ONLY'),
      notFound: errorOptions('PERSISTED_QUERY_NOT_FOUND'),
      keyNotFound: errorOptions('PERSISTED_QUERY_ID_REQUIRED'),
    },
  };
}

/** Registers `query` + `extensions.persistedQuery.sha256Hash` (the APQ retry) for clients allowed it. */
export function useApqRegistration(apq: ApqStore): GatewayPlugin {
  return {
    async onParams({ params, request }) {
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (typeof params.query !== 'string' || typeof hash !== 'string') return;
      if (!clientOf(request)?.arbitraryDocuments) return; // refused by the persisted-documents plugin
      if (normalizeDocumentId(hash) !== sha256Hex(params.query)) throw gatewayError('PERSISTED_QUERY_HASH_MISMATCH');
      await apq.set(normalizeDocumentId(hash), params.query);
    },
  };
}
