/**
 * Finds the configured client behind an API key. Keys are held only as SHA-256 hashes; the
 * presented key is hashed and compared with every configured hash in constant time, so neither
 * a match nor its position leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayClientConfig } from '../../config/gateway-clients.js';
import type { AuthenticatedClient } from './authenticated-client.js';

export interface ClientRegistry {
  byApiKey(key: string): AuthenticatedClient | undefined;
  byName(name: string): GatewayClientConfig | undefined;
}

export function toAuthenticated(config: GatewayClientConfig, via: AuthenticatedClient['via'], scopes = config.scopes): AuthenticatedClient {
  return {
    name: config.name,
    scopes,
    arbitraryDocuments: config.arbitraryDocuments,
    introspection: config.introspection,
    rateLimit: config.rateLimit,
    via,
  };
}

export function createClientRegistry(clients: readonly GatewayClientConfig[]): ClientRegistry {
  const withKeys = clients
    .filter((c) => c.apiKeySha256 !== undefined)
    .map((c) => ({ config: c, hash: Buffer.from(c.apiKeySha256!, 'hex') }));
  const byName = new Map(clients.map((c) => [c.name, c]));
  return {
    byApiKey(key) {
      const presented = createHash('sha256').update(key, 'utf8').digest();
      let found: GatewayClientConfig | undefined;
      // No early exit: every configured hash is compared, whatever matches.
      for (const { config, hash } of withKeys) {
        if (timingSafeEqual(presented, hash) && !found) found = config;
      }
      return found ? toAuthenticated(found, 'api-key') : undefined;
    },
    byName: (name) => byName.get(name),
  };
}
