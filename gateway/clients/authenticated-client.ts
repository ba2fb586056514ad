/**
 * The caller of one gateway request, once its API key or bearer token has been verified. Kept
 * per request in a WeakMap keyed by the Fetch `Request`, so every plugin (auth, persisted
 * documents, rate limits, cache, metrics) reads the same answer without re-verifying.
 */
import type { GatewayClientConfig } from '../../config/gateway-clients.js';

export interface AuthenticatedClient {
  name: string;
  scopes: readonly string[];
  arbitraryDocuments: boolean;
  introspection: boolean;
  rateLimit: GatewayClientConfig['rateLimit'];
  via: 'api-key' | 'jwt';
}

const clients = new WeakMap<Request, AuthenticatedClient>();

export const setClientOf = (request: Request, client: AuthenticatedClient) => void clients.set(request, client);
export const clientOf = (request: Request | undefined): AuthenticatedClient | undefined => (request ? clients.get(request) : undefined);

/** A stable key for "this client with these scopes" (cache partitions, signed caller). */
export const clientScopeKey = (client: AuthenticatedClient) => `${client.name}|${[...client.scopes].sort().join(',')}`;
